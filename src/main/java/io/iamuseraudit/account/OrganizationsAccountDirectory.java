package io.iamuseraudit.account;

import java.util.LinkedHashMap;
import java.util.Map;

import io.iamuseraudit.Printable;
import io.iamuseraudit.aws.AwsErrors;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.organizations.OrganizationsClient;
import software.amazon.awssdk.services.organizations.model.AwsOrganizationsNotInUseException;

/**
 * Account names from AWS Organizations {@code ListAccounts}. When the caller may not list
 * the organization's accounts (or is in none), one warning is logged and the account ids
 * stand in for names. Names are made printable ({@link Printable}). Thread-safe.
 */
public final class OrganizationsAccountDirectory implements AccountDirectory {

	private static final Log logger = LogFactory.getLog(OrganizationsAccountDirectory.class);

	/** What the history keeps of a name (Organizations allows 50 characters). */
	private static final int MAX_NAME = 200;

	private final OrganizationsClient organizations;

	public OrganizationsAccountDirectory(OrganizationsClient organizations) {
		this.organizations = organizations;
	}

	@Override
	public Map<String, String> accountNames() {
		Map<String, String> names = new LinkedHashMap<>();
		try {
			this.organizations.listAccountsPaginator(request -> request.build())
				.stream()
				.flatMap(page -> page.accounts().stream())
				.forEach(account -> names.put(account.id(), Printable.line(account.name(), MAX_NAME)));
			return names;
		}
		catch (AwsOrganizationsNotInUseException ex) {
			logger.warn("The job's account is not in an AWS organization: account ids stand in for account names");
		}
		catch (SdkException ex) {
			logger.warn("Cannot list the organization's accounts (%s): account ids stand in for account names. "
				.formatted(AwsErrors.describe(ex))
					+ "Grant organizations:ListAccounts to the job's role (it works from the management or "
					+ "a delegated administrator account) to see names.");
		}
		return Map.of();
	}

}
