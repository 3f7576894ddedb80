package io.iamuseraudit;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.AbstractConstruct;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.asm.ClassReader;
import org.springframework.asm.ClassVisitor;
import org.springframework.asm.Handle;
import org.springframework.asm.MethodVisitor;
import org.springframework.asm.Opcodes;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Least privilege, checked against the code: every AWS operation that the compiled
 * classes call (found with ASM in {@code target/classes}: calls of the SDK's
 * {@code *Client} interfaces, method references included, and the SDK's STS credentials
 * provider) maps to an IAM action, and that action must be allowed by the policy in
 * {@code docs/iam/} of the role that makes the call: CloudTrail and IAM with the member
 * account role, everything else with the job's role. A new SDK call without its
 * permission fails here.
 */
class AuditPermissionsTests {

	private static final Path CLASSES = Path.of("target/classes/io/iamuseraudit");

	private static final Path IAM = Path.of("docs/iam");

	private static final Pattern CLIENT = Pattern.compile("software/amazon/awssdk/services/(\\w+)/(\\w+)Client");

	/** Methods of the client interfaces that are not AWS operations. */
	private static final Set<String> NOT_OPERATIONS = Set.of("serviceClientConfiguration", "serviceName", "close",
			"utilities", "waiter");

	/** IAM's prefix of each SDK service package. */
	private static final Map<String, String> PREFIXES = Map.of("config", "config", "organizations", "organizations",
			"sts", "sts", "cloudtrail", "cloudtrail", "iam", "iam", "s3", "s3", "sesv2", "ses");

	/** Operations whose IAM action is not their own name. */
	private static final Map<String, List<String>> ACTIONS = Map.of("s3:ListObjectsV2", List.of("s3:ListBucket"),
			"s3:HeadObject", List.of("s3:GetObject"), "s3:GetObjectAsBytes", List.of("s3:GetObject"));

	/**
	 * Calls that need more than the operation's own action: another SDK class used
	 * (assuming a role through the SDK's provider), or a request option.
	 */
	private static final Map<String, String> IMPLIED = Map.of(
			"software/amazon/awssdk/services/sts/auth/StsAssumeRoleCredentialsProvider", "sts:AssumeRole",
			"software/amazon/awssdk/services/s3/model/PutObjectRequest$Builder.objectLockMode", "s3:PutObjectRetention",
			"software/amazon/awssdk/services/s3/model/PutObjectRequest$Builder.ssekmsKeyId", "kms:GenerateDataKey",
			"software/amazon/awssdk/services/sesv2/model/EmailContent$Builder.raw", "ses:SendRawEmail");

	/** Services called with the member account role's session. */
	private static final Set<String> MEMBER_ROLE_PREFIXES = Set.of("cloudtrail", "iam");

	private static final JsonMapper json = JsonMapper.builder().build();

	private static Map<String, Set<String>> actionsByCaller;

	private static Set<String> externalIdCallers;

	@BeforeAll
	static void scanTheCompiledClasses() throws IOException {
		assertThat(CLASSES).as("compiled by 'mvnw test'").isDirectory();
		Scan scan = new Scan();
		try (Stream<Path> files = Files.walk(CLASSES)) {
			for (Path file : files.filter(path -> path.toString().endsWith(".class")).toList()) {
				try (InputStream in = Files.newInputStream(file)) {
					new ClassReader(in).accept(scan.forClass(), ClassReader.SKIP_FRAMES);
				}
			}
		}
		actionsByCaller = scan.actions;
		externalIdCallers = scan.externalIdCallers;
	}

	@Test
	void findsTheCallsOfEveryServiceTheAuditUses() {
		Set<String> prefixes = new TreeSet<>();
		actions().forEach(action -> prefixes.add(action.substring(0, action.indexOf(':'))));

		assertThat(prefixes).as("a scan that found nothing would prove nothing")
			.containsExactlyInAnyOrder("cloudtrail", "config", "iam", "kms", "organizations", "s3", "ses", "sts");
		assertThat(actions()).contains("config:SelectAggregateResourceConfig", "organizations:ListAccounts",
				"sts:AssumeRole", "cloudtrail:LookupEvents", "iam:GetCredentialReport", "s3:ListBucket", "s3:PutObject",
				"ses:SendEmail", "ses:SendRawEmail");
	}

	@Test
	void everyOperationTheCodeCallsIsAllowedForTheRoleThatCallsIt() throws IOException {
		Policy job = Policy.read(IAM.resolve("audit-job-policy.json"));
		Policy member = Policy.read(IAM.resolve("member-role-policy.json"));

		assertThat(notAllowed(job, member)).as("action (called by) missing from the policy of the role that calls it")
			.isEmpty();
	}

	@Test
	void wouldFailForAnActionMissingFromThePolicy() throws IOException {
		Policy job = Policy.read(IAM.resolve("audit-job-policy.json")).without("ses:SendRawEmail");
		Policy member = Policy.read(IAM.resolve("member-role-policy.json")).without("iam:GetCredentialReport");

		assertThat(notAllowed(job, member))
			.anySatisfy(line -> assertThat(line).startsWith("job role: ses:SendRawEmail"))
			.anySatisfy(line -> assertThat(line).startsWith("member role: iam:GetCredentialReport"));
	}

	@Test
	void theMemberRoleIsAssumedWithTheExternalIdWhenOneIsConfigured() {
		assertThat(externalIdCallers).contains("io/iamuseraudit/account/MemberAccountCredentials$Session");
	}

	@Test
	void theMemberRoleTrustsOnlyTheJobsRoleWithTheExternalId() throws IOException {
		JsonNode statements = json.readTree(IAM.resolve("member-role-trust-policy.json").toFile()).path("Statement");

		assertThat(statements.size()).isEqualTo(1);
		JsonNode trust = statements.get(0);
		assertThat(trust.path("Effect").asString()).isEqualTo("Allow");
		assertThat(strings(trust.path("Action"))).containsExactly("sts:AssumeRole");
		assertThat(trust.path("Principal").path("AWS").asString()).matches("arn:aws:iam::\\d{12}:role/.+");
		assertThat(trust.path("Condition").path("StringEquals").has("sts:ExternalId")).isTrue();
	}

	@Nested
	class CloudFormationTemplate {

		private final Map<String, Object> role = memberRole();

		@Test
		void grantsExactlyTheMemberRolePolicy() throws IOException {
			List<Map<String, Object>> policies = list(properties().get("Policies"));
			assertThat(policies).hasSize(1);
			JsonNode template = json.valueToTree(map(policies.get(0).get("PolicyDocument")).get("Statement"));
			JsonNode document = json.readTree(IAM.resolve("member-role-policy.json").toFile()).path("Statement");

			assertThat(statements(template)).isEqualTo(statements(document));
		}

		@Test
		void trustsTheJobsRoleForAssumeRoleWithTheExternalIdCondition() {
			List<Map<String, Object>> trust = list(map(properties().get("AssumeRolePolicyDocument")).get("Statement"));

			assertThat(trust).singleElement().satisfies(statement -> {
				assertThat(statement.get("Action")).isEqualTo("sts:AssumeRole");
				assertThat(statement.get("Principal")).isEqualTo(Map.of("AWS", Map.of("Ref", "AuditJobRoleArn")));
				assertThat(json.writeValueAsString(statement.get("Condition"))).contains("sts:ExternalId")
					.contains("\"Ref\":\"ExternalId\"");
			});
		}

		private Map<String, Object> properties() {
			return map(this.role.get("Properties"));
		}

		private static Map<String, Object> memberRole() {
			try (Reader reader = Files.newBufferedReader(IAM.resolve("member-role.cfn.yaml"))) {
				Map<String, Object> template = new Yaml(new CloudFormationTags()).load(reader);
				Map<String, Object> role = map(map(template.get("Resources")).get("IamUserAuditRole"));
				assertThat(role.get("Type")).isEqualTo("AWS::IAM::Role");
				return role;
			}
			catch (IOException ex) {
				throw new IllegalStateException(ex);
			}
		}

	}

	/**
	 * Each statement as "Sid Effect sorted-actions resources", for comparing documents.
	 */
	private static List<String> statements(JsonNode statements) {
		List<String> normalised = new ArrayList<>();
		for (JsonNode statement : statements.values()) {
			normalised.add(statement.path("Sid").asString() + " " + statement.path("Effect").asString() + " "
					+ new TreeSet<>(strings(statement.path("Action"))) + " "
					+ new TreeSet<>(strings(statement.path("Resource"))));
		}
		return normalised;
	}

	private static List<String> notAllowed(Policy job, Policy member) {
		List<String> missing = new ArrayList<>();
		actionsByCaller.forEach((action, callers) -> {
			boolean memberRole = MEMBER_ROLE_PREFIXES.contains(action.substring(0, action.indexOf(':')));
			if (!(memberRole ? member : job).allows(action)) {
				missing.add((memberRole ? "member role: " : "job role: ") + action + " (" + String.join(", ", callers)
						+ ")");
			}
		});
		return missing;
	}

	private static Set<String> actions() {
		return actionsByCaller.keySet();
	}

	private static List<String> strings(JsonNode node) {
		List<String> values = new ArrayList<>();
		if (node.isArray()) {
			node.values().forEach(value -> values.add(value.asString()));
		}
		else if (!node.isMissingNode()) {
			values.add(node.asString());
		}
		return values;
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> map(Object value) {
		return (Map<String, Object>) value;
	}

	@SuppressWarnings("unchecked")
	private static List<Map<String, Object>> list(Object value) {
		return (List<Map<String, Object>>) value;
	}

	/** The Allow statements of a policy document, and whether one allows an action. */
	private record Policy(List<Pattern> allowed, List<String> actions) {

		static Policy read(Path file) throws IOException {
			List<String> actions = new ArrayList<>();
			for (JsonNode statement : json.readTree(file.toFile()).path("Statement").values()) {
				assertThat(statement.has("NotAction")).as("NotAction in " + file).isFalse();
				if ("Allow".equals(statement.path("Effect").asString())) {
					actions.addAll(strings(statement.path("Action")));
				}
			}
			return new Policy(actions.stream().map(Policy::pattern).toList(), actions);
		}

		/** The same policy without one action: what the check must catch. */
		Policy without(String action) {
			List<String> kept = this.actions.stream().filter(candidate -> !candidate.equals(action)).toList();
			assertThat(kept).hasSize(this.actions.size() - 1);
			return new Policy(kept.stream().map(Policy::pattern).toList(), kept);
		}

		boolean allows(String action) {
			return this.allowed.stream().anyMatch(pattern -> pattern.matcher(action).matches());
		}

		/** IAM actions are case-insensitive; {@code *} and {@code ?} are wildcards. */
		private static Pattern pattern(String action) {
			String regex = Pattern.quote(action).replace("*", "\\E.*\\Q").replace("?", "\\E.\\Q");
			return Pattern.compile(regex, Pattern.CASE_INSENSITIVE);
		}

	}

	/**
	 * Collects the IAM actions the classes' code needs, with the classes that need them.
	 */
	private static final class Scan {

		final Map<String, Set<String>> actions = new TreeMap<>();

		final Set<String> externalIdCallers = new TreeSet<>();

		ClassVisitor forClass() {
			return new ClassVisitor(Opcodes.ASM9) {

				private String className;

				@Override
				public void visit(int version, int access, String name, String signature, String superName,
						String[] interfaces) {
					this.className = name;
				}

				@Override
				public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
						String[] exceptions) {
					String caller = this.className;
					return new MethodVisitor(Opcodes.ASM9) {

						@Override
						public void visitMethodInsn(int opcode, String owner, String method, String desc,
								boolean isInterface) {
							called(caller, owner, method, opcode == Opcodes.INVOKEINTERFACE);
						}

						@Override
						public void visitInvokeDynamicInsn(String method, String desc, Handle bootstrap,
								Object... arguments) {
							for (Object argument : arguments) {
								if (argument instanceof Handle handle) {
									called(caller, handle.getOwner(), handle.getName(),
											handle.getTag() == Opcodes.H_INVOKEINTERFACE);
								}
							}
						}

					};
				}

			};
		}

		/**
		 * @param onInstance a call on a client (not a static factory such as
		 * {@code builder()})
		 */
		void called(String caller, String owner, String method, boolean onInstance) {
			Matcher client = CLIENT.matcher(owner);
			if (client.matches() && onInstance && !NOT_OPERATIONS.contains(method)) {
				String prefix = PREFIXES.get(client.group(1));
				assertThat(prefix).as("IAM prefix of SDK service " + client.group(1)).isNotNull();
				String operation = prefix + ":" + Character.toUpperCase(method.charAt(0))
						+ method.substring(1).replaceFirst("Paginator$", "");
				ACTIONS.getOrDefault(operation, List.of(operation)).forEach(action -> add(action, caller));
			}
			String implied = IMPLIED.getOrDefault(owner, IMPLIED.get(owner + "." + method));
			if (implied != null) {
				add(implied, caller);
			}
			if (owner.equals("software/amazon/awssdk/services/sts/model/AssumeRoleRequest$Builder")
					&& method.equals("externalId")) {
				this.externalIdCallers.add(caller);
			}
		}

		private void add(String action, String caller) {
			this.actions.computeIfAbsent(action, key -> new TreeSet<>())
				.add(caller.substring(caller.lastIndexOf('/') + 1).replaceFirst("\\$.*", ""));
		}

	}

	/**
	 * Reads CloudFormation's short-form tags ({@code !Ref x} as {@code {Ref: x}}), which
	 * plain YAML does not know.
	 */
	private static final class CloudFormationTags extends SafeConstructor {

		CloudFormationTags() {
			super(new LoaderOptions());
			this.yamlConstructors.put(null, new AbstractConstruct() {

				@Override
				public Object construct(Node node) {
					String function = node.getTag().getValue().substring(1);
					Object value;
					if (node instanceof ScalarNode scalar) {
						value = constructScalar(scalar);
					}
					else if (node instanceof SequenceNode sequence) {
						value = constructSequence(sequence);
					}
					else {
						value = constructMapping((MappingNode) node);
					}
					return Map.of(function, value);
				}

			});
		}

	}

}
