package io.iamuseraudit.inventory;

import java.util.ArrayList;
import java.util.List;

import io.iamuseraudit.InvalidConfigurationException;
import io.iamuseraudit.aws.AwsErrors;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.config.ConfigClient;
import software.amazon.awssdk.services.config.model.AggregatedSourceStatus;
import software.amazon.awssdk.services.config.model.DescribeConfigurationAggregatorSourcesStatusResponse;
import software.amazon.awssdk.services.config.model.InvalidExpressionException;
import software.amazon.awssdk.services.config.model.InvalidNextTokenException;
import software.amazon.awssdk.services.config.model.NoSuchConfigurationAggregatorException;
import software.amazon.awssdk.services.config.model.SelectAggregateResourceConfigResponse;

/**
 * The inventory from the organization's AWS Config aggregator: the operator's query, run
 * with {@code SelectAggregateResourceConfig}, 100 rows a page. Throttled pages are
 * retried by the client's retry strategy. Errors that only the operator can fix (no such
 * aggregator, a query AWS refuses, a caller without permission or credentials) end the
 * run as invalid configuration (exit code 2) with what to fix; others fail it (exit code
 * 1). Thread-safe; the paging state lives in the reader.
 */
public final class ConfigAggregatorInventorySource implements InventorySource {

	static final int PAGE_SIZE = 100;

	private static final Log logger = LogFactory.getLog(ConfigAggregatorInventorySource.class);

	private final ConfigClient config;

	private final String aggregatorName;

	private final String region;

	private final InventoryQuery query;

	public ConfigAggregatorInventorySource(ConfigClient config, String aggregatorName, String region,
			InventoryQuery query) {
		this.config = config;
		this.aggregatorName = aggregatorName;
		this.region = region;
		this.query = query;
	}

	@Override
	public InventoryPage fetchPage(String nextToken) {
		try {
			SelectAggregateResourceConfigResponse page = this.config
				.selectAggregateResourceConfig(request -> request.configurationAggregatorName(this.aggregatorName)
					.expression(this.query.expression())
					.limit(PAGE_SIZE)
					.nextToken(nextToken));
			return new InventoryPage(page.results(), page.nextToken());
		}
		catch (SdkException ex) {
			throw translate(ex);
		}
	}

	@Override
	public String description() {
		return "AWS Config aggregator " + this.aggregatorName + " (" + this.region + "), query "
				+ this.query.location();
	}

	@Override
	public List<AggregatorSource> aggregatorSources() {
		List<AggregatorSource> sources = new ArrayList<>();
		try {
			for (DescribeConfigurationAggregatorSourcesStatusResponse page : this.config
				.describeConfigurationAggregatorSourcesStatusPaginator(
						request -> request.configurationAggregatorName(this.aggregatorName))) {
				page.aggregatedSourceStatusList().forEach(status -> sources.add(source(status)));
			}
		}
		catch (SdkException ex) {
			logger.warn("Cannot tell how fresh the aggregator's data is (%s); the report will not say"
				.formatted(AwsErrors.describe(ex)));
			return List.of();
		}
		return sources;
	}

	private static AggregatorSource source(AggregatedSourceStatus status) {
		String error = (status.lastErrorCode() != null) ? status.lastErrorCode() + ": " + status.lastErrorMessage()
				: null;
		return new AggregatorSource(status.sourceId(), status.sourceTypeAsString(), status.awsRegion(),
				status.lastUpdateStatusAsString(), status.lastUpdateTime(), error);
	}

	private RuntimeException translate(SdkException ex) {
		String what = "AWS Config aggregator " + this.aggregatorName + " in " + this.region;
		if (ex instanceof NoSuchConfigurationAggregatorException) {
			return new InvalidConfigurationException(what + " does not exist. Check audit.aws.config.aggregator-name "
					+ "and audit.aws.region, and that the job runs in the aggregator's (delegated administrator) account.",
					ex);
		}
		if (ex instanceof InvalidExpressionException) {
			return new InvalidConfigurationException(
					"AWS Config refused the inventory query " + this.query.location() + ": " + AwsErrors.describe(ex)
							+ ". Fix the query (AWS Config SQL has no FROM, JOIN, DISTINCT, AS or LIMIT).",
					ex);
		}
		if (AwsErrors.isAccessDenied(ex)) {
			return new InvalidConfigurationException("Access denied to " + what + " (" + AwsErrors.describe(ex)
					+ "). The job's role needs config:SelectAggregateResourceConfig on the aggregator.", ex);
		}
		if (AwsErrors.isBadCredentials(ex)) {
			return new InvalidConfigurationException("AWS rejected or could not find the job's credentials ("
					+ AwsErrors.describe(ex) + "). Provide them through the default provider chain "
					+ "(AWS_PROFILE, environment, instance or container role).", ex);
		}
		if (ex instanceof InvalidNextTokenException) {
			return new IllegalStateException("The aggregator's next token expired while reading " + what
					+ "; run the same command again to restart the collection from the first page.", ex);
		}
		return new IllegalStateException(
				"Reading " + what + " failed: " + AwsErrors.describe(ex) + ". Run the same command again to restart.",
				ex);
	}

}
