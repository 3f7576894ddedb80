package io.iamuseraudit.aws;

import java.util.Set;

import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;

/** Reads AWS errors for what a person can act on. */
public final class AwsErrors {

	private static final Set<String> ACCESS_DENIED = Set.of("AccessDenied", "AccessDeniedException",
			"UnauthorizedOperation", "AuthorizationError");

	private static final Set<String> BAD_CREDENTIALS = Set.of("UnrecognizedClientException", "InvalidClientTokenId",
			"SignatureDoesNotMatch", "ExpiredToken", "ExpiredTokenException", "InvalidAccessKeyId");

	private AwsErrors() {
	}

	public static String code(SdkException ex) {
		return (ex instanceof AwsServiceException service && service.awsErrorDetails() != null)
				? service.awsErrorDetails().errorCode() : null;
	}

	public static boolean isAccessDenied(SdkException ex) {
		return ACCESS_DENIED.contains(code(ex));
	}

	/** The caller's own credentials are missing, wrong or expired. */
	public static boolean isBadCredentials(SdkException ex) {
		return BAD_CREDENTIALS.contains(code(ex))
				|| (code(ex) == null && String.valueOf(ex.getMessage()).contains("Unable to load credentials"));
	}

	/** The error code and AWS's message, without the request id noise. */
	public static String describe(SdkException ex) {
		if (ex instanceof AwsServiceException service && service.awsErrorDetails() != null) {
			return service.awsErrorDetails().errorCode() + ": " + service.awsErrorDetails().errorMessage();
		}
		return ex.getMessage();
	}

}
