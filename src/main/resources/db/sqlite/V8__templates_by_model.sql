-- Templates carry the name of the descriptor model that made them (face_templates.model, since V1:
-- dlib-resnet29-v1, omz-face-reid-retail-0095). A gateway matches only the templates of its
-- DESCRIPTORS model, and at start describes with that model every accepted photo that has no
-- template of it yet (an installation upgraded from dlib keeps its dlib templates and gains omz
-- ones without re-enrolling). Both look templates up by model first.
CREATE INDEX face_templates_by_model ON face_templates (model, student_id, photo_sha256);
