package io.iamuseraudit.delivery;

/**
 * An object of the evidence archive.
 *
 * @param key the object's key, the same in S3 and in the local archive
 * @param location where it is: an {@code s3://} URI or a file path
 * @param alreadyPresent whether an identical object was there already (a restarted run)
 */
public record ArchivedObject(String key, String sha256, long size, String location, boolean alreadyPresent) {
}
