package io.presenca.matching;

import io.presenca.store.StoredTemplate;
import io.presenca.store.TemplateStore;
import java.util.List;
import java.util.Map;

/** Fills the in-memory gallery from the templates of active students in the store. */
public final class GalleryLoader {

    private final TemplateStore templates;
    private final Gallery gallery;
    private final String model;

    public GalleryLoader(TemplateStore templates, Gallery gallery, String model) {
        this.templates = templates;
        this.gallery = gallery;
        this.model = model;
    }

    public Gallery reload() {
        List<StoredTemplate> stored = templates.activeTemplates(model);
        gallery.replace(Gallery.group(stored.stream()
                .map(t -> Map.entry(t.studentId(), t.descriptor())).toList()));
        return gallery;
    }
}
