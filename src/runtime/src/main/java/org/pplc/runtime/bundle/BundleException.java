package org.pplc.runtime.bundle;

/**
 * A bundle that cannot be loaded: unreadable, damaged (bad JSON, checksum mismatch, missing or
 * wrong field) or written for a newer runtime. The message names the bundle and what is wrong,
 * so a billing product can show it as is.
 */
public final class BundleException extends RuntimeException {
    public BundleException(String message) {
        super(message);
    }

    public BundleException(String message, Throwable cause) {
        super(message, cause);
    }
}
