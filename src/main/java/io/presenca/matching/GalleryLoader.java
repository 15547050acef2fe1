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
    private final boolean consentRequired;

    public GalleryLoader(TemplateStore templates, Gallery gallery, String model) {
        this(templates, gallery, model, false);
    }

    /** @param consentRequired REQUIRE_CONSENT: only students whose consent is in force are matched */
    public GalleryLoader(TemplateStore templates, Gallery gallery, String model, boolean consentRequired) {
        this.templates = templates;
        this.gallery = gallery;
        this.model = model;
        this.consentRequired = consentRequired;
    }

    private volatile String loadedFingerprint;

    public Gallery gallery() {
        return gallery;
    }

    public synchronized Gallery reload() {
        loadedFingerprint = templates.activeFingerprint(model, consentRequired);
        List<StoredTemplate> stored = templates.activeTemplates(model, consentRequired);
        gallery.replace(Gallery.group(stored.stream()
                .map(t -> Map.entry(t.studentId(), t.descriptor())).toList()));
        return gallery;
    }

    /**
     * Reloads when the matchable templates changed behind this gateway's back (consent withdrawn or a
     * student erased from the command line); returns whether it did.
     */
    public synchronized boolean reloadIfStoreChanged() {
        if (templates.activeFingerprint(model, consentRequired).equals(loadedFingerprint)) {
            return false;
        }
        reload();
        return true;
    }
}
