package io.presenca.config;

/** A setting has a value the gateway cannot use; the message names the variable and what is allowed. */
public class ConfigurationException extends RuntimeException {
    public ConfigurationException(String message) {
        super(message);
    }
}
