package io.presenca.matching;

import io.presenca.store.StoredTemplate;
import io.presenca.store.TemplateStore;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fills the in-memory gallery from the templates of active students in the store, only those of the
 * gallery's own descriptor model: a template of another model is never compared with a face.
 */
public final class GalleryLoader {

    private static final Logger LOG = LoggerFactory.getLogger(GalleryLoader.class);

    private final TemplateStore templates;
    private final Gallery gallery;
    private final String model;
    private final boolean consentRequired;

    public GalleryLoader(TemplateStore templates, Gallery gallery) {
        this(templates, gallery, false);
    }

    /** @param consentRequired REQUIRE_CONSENT: only students whose consent is in force are matched */
    public GalleryLoader(TemplateStore templates, Gallery gallery, boolean consentRequired) {
        this.templates = templates;
        this.gallery = gallery;
        this.model = gallery.model().storedName();
        this.consentRequired = consentRequired;
    }

    private volatile String loadedFingerprint;

    public Gallery gallery() {
        return gallery;
    }

    public synchronized Gallery reload() {
        loadedFingerprint = templates.activeFingerprint(model, consentRequired);
        int dimensions = gallery.model().dimensions();
        List<StoredTemplate> stored = templates.activeTemplates(model, consentRequired).stream()
                .filter(t -> {
                    if (t.descriptor().length == dimensions) {
                        return true;
                    }
                    // labelled with this model but not its size: made by something else, so never trusted
                    LOG.warn("Template {} of student {} is labelled {} but has {} values instead of {}: ignored;"
                                    + " re-enroll the student or fix the central template", t.id(), t.studentId(), model,
                            t.descriptor().length, dimensions);
                    return false;
                }).toList();
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
