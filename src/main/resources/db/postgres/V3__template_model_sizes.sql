-- A template is compared only with faces described by the model its name says (gateways load only
-- their DESCRIPTORS model's templates). A descriptor whose size does not fit that name was made by
-- something else and must not be matched: refuse such rows from now on (float32, so 4 bytes a value:
-- dlib-resnet29-v1 is 128-d, omz-face-reid-retail-0095 256-d). NOT VALID leaves rows already there
-- alone; gateways ignore a mis-sized template with a warning anyway.
ALTER TABLE face_templates ADD CONSTRAINT face_templates_size_fits_model CHECK (
    (model <> 'dlib-resnet29-v1' OR octet_length(descriptor) = 512)
    AND (model <> 'omz-face-reid-retail-0095' OR octet_length(descriptor) = 1024)) NOT VALID;
CREATE INDEX face_templates_by_model ON face_templates (model);
