package io.iamuseraudit.activity;

import java.time.Instant;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class CredentialReportParserTests {

	private static final Instant GENERATED = Instant.parse("2026-11-24T05:00:00Z");

	private static final String HEADER = "user,arn,user_creation_time,password_enabled,password_last_used,"
			+ "password_last_changed,password_next_rotation,mfa_active,access_key_1_active,access_key_1_last_rotated,"
			+ "access_key_1_last_used_date,access_key_1_last_used_region,access_key_1_last_used_service,"
			+ "access_key_2_active,access_key_2_last_rotated,access_key_2_last_used_date,"
			+ "access_key_2_last_used_region,access_key_2_last_used_service,cert_1_active,cert_1_last_rotated,"
			+ "cert_2_active,cert_2_last_rotated";

	private static final String REPORT = HEADER
			+ """

					<root_account>,arn:aws:iam::104857600123:root,2015-01-20T10:30:00+00:00,not_supported,2025-12-05T16:47:03+00:00,not_supported,not_supported,false,true,2016-01-11T09:00:00+00:00,2017-02-03T11:20:00+00:00,eu-west-1,ec2,false,N/A,N/A,N/A,N/A,false,N/A,false,N/A
					admin.bob,arn:aws:iam::104857600123:user/admin.bob,2017-08-14T09:30:05+00:00,true,2026-11-22T12:07:14+00:00,2023-02-15T11:23:37+00:00,N/A,true,true,2026-09-06T20:33:19+00:00,2026-10-26T19:38:26+00:00,us-west-2,sts,false,N/A,N/A,N/A,N/A,false,N/A,false,N/A
					never.logged,arn:aws:iam::104857600123:user/never.logged,2013-05-02T08:00:00+00:00,true,no_information,2013-05-02T08:00:00+00:00,N/A,false,false,N/A,N/A,N/A,N/A,false,N/A,N/A,N/A,N/A,false,N/A,false,N/A
					svc.keys,arn:aws:iam::104857600123:user/service/svc.keys,2021-09-07T19:46:44+00:00,false,N/A,N/A,N/A,false,true,2026-10-21T15:07:33+00:00,N/A,N/A,N/A,true,2024-01-01T00:00:00+00:00,2026-11-20T10:00:00+00:00,us-east-1,s3,false,N/A,false,N/A

					""";

	private final CredentialReportParser parser = new CredentialReportParser();

	@Test
	void readsEveryValueFormOfARealReport() {
		CredentialReport report = this.parser.parse(REPORT, GENERATED);

		assertThat(report.generatedAt()).isEqualTo(GENERATED);
		assertThat(report.problems()).isEmpty();
		assertThat(report.users()).extracting(CredentialReportRow::user)
			.containsExactly("admin.bob", "never.logged", "svc.keys");
		CredentialReportRow bob = report.users().get(0);
		assertThat(bob.passwordEnabled()).isTrue();
		assertThat(bob.passwordLastUsed()).isEqualTo(Instant.parse("2026-11-22T12:07:14Z"));
		assertThat(bob.mfaActive()).isTrue();
		assertThat(bob.accessKey1()).isEqualTo(
				new AccessKey(true, Instant.parse("2026-09-06T20:33:19Z"), Instant.parse("2026-10-26T19:38:26Z")));
		assertThat(bob.accessKey2()).isEqualTo(new AccessKey(false, null, null));
	}

	@Test
	void readsNoInformationAndNotApplicableAsNoDate() {
		CredentialReportRow neverLogged = this.parser.parse(REPORT, GENERATED).users().get(1);

		assertThat(neverLogged.passwordEnabled()).isTrue();
		assertThat(neverLogged.passwordLastUsed()).isNull();
		assertThat(neverLogged.accessKey1().lastRotated()).isNull();
	}

	@Test
	void keepsTheRootRowApartWithNotSupportedAsUnknown() {
		CredentialReportRow root = this.parser.parse(REPORT, GENERATED).root();

		assertThat(root.user()).isEqualTo(CredentialReportRow.ROOT);
		assertThat(root.passwordEnabled()).isNull();
		assertThat(root.mfaActive()).isFalse();
		assertThat(root.accessKey1().active()).isTrue();
	}

	@Test
	void findsColumnsByNameWhateverTheirOrderAndIgnoresNewOnes() {
		String csv = """
				arn,user,mfa_active,password_enabled,some_future_column
				arn:aws:iam::104857600123:user/x,x,true,false,whatever
				""";

		CredentialReportRow row = this.parser.parse(csv, GENERATED).users().get(0);

		assertThat(row.user()).isEqualTo("x");
		assertThat(row.mfaActive()).isTrue();
		assertThat(row.accessKey1()).isEqualTo(AccessKey.NONE);
	}

	@Nested
	class Unreadable {

		@Test
		void valuesBecomeUnknownAndAreListedWithTheirUser() {
			String csv = HEADER
					+ "\nodd,arn:aws:iam::1:user/odd,yesterday,maybe,N/A,N/A,N/A,false,false,N/A,N/A,N/A,N/A,"
					+ "false,N/A,N/A,N/A,N/A,false,N/A,false,N/A\n";

			CredentialReport report = parser.parse(csv, GENERATED);

			assertThat(report.users()).singleElement().satisfies(row -> assertThat(row.passwordEnabled()).isNull());
			assertThat(report.problems()).containsExactly("odd: user_creation_time is not a date",
					"odd: password_enabled is not true or false");
		}

		@Test
		void aReportWithoutUserAndArnColumnsIsRefused() {
			assertThatIllegalArgumentException().isThrownBy(() -> parser.parse("a,b\n1,2\n", GENERATED))
				.withMessageContaining("'user' and 'arn'");
		}

	}

}
