package io.iamuseraudit.fakeaws;

import java.util.UUID;

/**
 * awsQuery responses: {@code <XResponse><XResult>…</XResult><ResponseMetadata/>}, and
 * {@code <ErrorResponse>}.
 */
final class Xml {

	private Xml() {
	}

	static String response(String operation, String namespace, String result) {
		return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<%sResponse xmlns=\"%s\"><%sResult>%s</%sResult>"
			.formatted(operation, namespace, operation, result, operation)
				+ "<ResponseMetadata><RequestId>%s</RequestId></ResponseMetadata></%sResponse>"
					.formatted(UUID.randomUUID(), operation);
	}

	static String error(String namespace, AwsError error) {
		String type = (error.status >= 500) ? "Receiver" : "Sender";
		return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<ErrorResponse xmlns=\"%s\"><Error><Type>%s</Type><Code>%s</Code><Message>%s</Message></Error><RequestId>%s</RequestId></ErrorResponse>"
			.formatted(namespace, type, escape(error.code), escape(error.getMessage()), UUID.randomUUID());
	}

	static String element(String name, Object value) {
		return "<" + name + ">" + escape(String.valueOf(value)) + "</" + name + ">";
	}

	static String escape(String text) {
		return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
	}

}
