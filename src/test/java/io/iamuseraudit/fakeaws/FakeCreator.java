package io.iamuseraudit.fakeaws;

import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Who called {@code CreateUser}: the {@code userIdentity} of the CloudTrail record, and
 * what the audit is expected to show for it.
 *
 * @param principal the creator the audit should report
 * @param type the creator type label the audit should report
 */
public record FakeCreator(String principal, String type, Identity identity) {

	/** Writes the record's {@code userIdentity} for an account. */
	@FunctionalInterface
	public interface Identity {

		ObjectNode write(String accountId);

	}

	public static FakeCreator iamUser(String userName) {
		return new FakeCreator(userName, "IAMUser", (account) -> {
			ObjectNode identity = base("IAMUser", "AIDAFAKECREATOR" + Math.abs(userName.hashCode() % 10000),
					"arn:aws:iam::" + account + ":user/" + userName, account);
			identity.put("userName", userName);
			return identity;
		});
	}

	public static FakeCreator root() {
		return new FakeCreator("root", "Root",
				(account) -> base("Root", account, "arn:aws:iam::" + account + ":root", account));
	}

	public static FakeCreator assumedRole(String role, String session) {
		return new FakeCreator(role + "/" + session, "AssumedRole", (account) -> role(account, role, session));
	}

	/**
	 * An IAM Identity Center user working through a permission set: the audit shows the
	 * person.
	 */
	public static FakeCreator identityCenter(String permissionSet, String person) {
		String role = "AWSReservedSSO_" + permissionSet + "_0123456789abcdef";
		return new FakeCreator(person, "AssumedRole", (account) -> role(account, role, person));
	}

	/** CloudFormation creating the user on behalf of a deployment role. */
	public static FakeCreator cloudFormation(String role) {
		return new FakeCreator("cloudformation.amazonaws.com", "AWSService", (account) -> {
			ObjectNode identity = role(account, role, "AWSCloudFormation");
			identity.put("invokedBy", "cloudformation.amazonaws.com");
			return identity;
		});
	}

	private static ObjectNode role(String account, String role, String session) {
		ObjectNode identity = base("AssumedRole", "AROAFAKEROLE:" + session,
				"arn:aws:sts::" + account + ":assumed-role/" + role + "/" + session, account);
		ObjectNode issuer = identity.putObject("sessionContext").putObject("sessionIssuer");
		issuer.put("type", "Role");
		issuer.put("principalId", "AROAFAKEROLE");
		issuer.put("arn", "arn:aws:iam::" + account + ":role/" + role);
		issuer.put("accountId", account);
		issuer.put("userName", role);
		return identity;
	}

	private static ObjectNode base(String type, String principalId, String arn, String account) {
		ObjectNode identity = JsonNodeFactory.instance.objectNode();
		identity.put("type", type);
		identity.put("principalId", principalId);
		identity.put("arn", arn);
		identity.put("accountId", account);
		identity.put("accessKeyId", "ASIAFAKEEXAMPLE");
		return identity;
	}

}
