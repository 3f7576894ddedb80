package io.iamuseraudit.aws;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;

import io.iamuseraudit.AuditProperties;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudtrail.CloudTrailClient;
import software.amazon.awssdk.services.config.ConfigClient;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.organizations.OrganizationsClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sesv2.SesV2Client;
import software.amazon.awssdk.services.sts.StsClient;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;

/**
 * The AWS clients: built once, lazily (an audit of the sample builds none), sharing one
 * HTTP connection pool, with call and attempt timeouts, the SDK's standard retry strategy
 * with backoff (its retry circuit breaker off, so that a throttled call is retried rather
 * than failed; Config's queries use the adaptive strategy instead, see below), and the
 * API call counter. Credentials come from the default provider chain and endpoints from
 * {@code AWS_ENDPOINT_URL[_<SERVICE>]}, as with every AWS tool; member accounts'
 * credentials are given per request.
 */
@Configuration(proxyBeanMethods = false)
@Lazy
public class AwsClientsConfiguration {

	/**
	 * IAM and Organizations are global services, signed for us-east-1. Not
	 * {@code Region.AWS_GLOBAL}: with an endpoint override that signs for "aws-global",
	 * which a VPC endpoint or a local AWS refuses.
	 */
	private static final Region GLOBAL = Region.US_EAST_1;

	@Bean(destroyMethod = "close")
	SdkHttpClient awsHttpClient(AuditProperties properties) {
		return ApacheHttpClient.builder()
			.maxConnections(properties.enrichment().concurrency() * 2 + 8)
			.connectionTimeout(Duration.ofSeconds(10))
			.socketTimeout(properties.aws().apiCallAttemptTimeout())
			.build();
	}

	@Bean
	AwsCredentialsProvider awsCredentialsProvider() {
		return DefaultCredentialsProvider.builder().build();
	}

	@Bean
	ClientOverrideConfiguration awsClientOverrides(AuditProperties properties, ApiCallCounter apiCallCounter) {
		return ClientOverrideConfiguration.builder()
			.apiCallTimeout(properties.aws().apiCallTimeout())
			.apiCallAttemptTimeout(properties.aws().apiCallAttemptTimeout())
			.retryStrategy(AwsRetryStrategy.standardRetryStrategy()
				.toBuilder()
				.maxAttempts(properties.aws().maxAttempts())
				.circuitBreakerEnabled(false)
				.build())
			.addExecutionInterceptor(apiCallCounter)
			.build();
	}

	@Bean
	ConfigClient configClient(AwsClientFactory clients, AuditProperties properties) {
		// Config's query rate is not published: the adaptive strategy slows down to
		// what it allows instead of backing off for seconds after each throttled page
		// (its circuit breaker left at the SDK default).
		ClientOverrideConfiguration adaptive = clients.overrides()
			.toBuilder()
			.retryStrategy(AwsRetryStrategy.adaptiveRetryStrategy()
				.toBuilder()
				.maxAttempts(properties.aws().maxAttempts())
				.build())
			.build();
		return clients.build(ConfigClient.builder(), clients.region(), adaptive);
	}

	@Bean
	OrganizationsClient organizationsClient(AwsClientFactory clients) {
		return clients.build(OrganizationsClient.builder(), GLOBAL);
	}

	@Bean
	StsClient stsClient(AwsClientFactory clients) {
		return clients.build(StsClient.builder());
	}

	/**
	 * CloudTrail in us-east-1, where IAM (a global service) records its events, whatever
	 * the aggregator's region.
	 */
	@Bean
	CloudTrailClient cloudTrailClient(AwsClientFactory clients) {
		return clients.build(CloudTrailClient.builder(), GLOBAL);
	}

	@Bean
	IamClient iamClient(AwsClientFactory clients) {
		return clients.build(IamClient.builder(), GLOBAL);
	}

	@Bean
	S3Client s3Client(AwsClientFactory clients) {
		return clients.build(
				S3Client.builder().forcePathStyle(EndpointOverrides.isOverridden("S3")).crossRegionAccessEnabled(true));
	}

	@Bean
	SesV2Client sesV2Client(AwsClientFactory clients, AuditProperties properties) {
		return clients.build(SesV2Client.builder(), Region.of(properties.email().sesRegion(properties.aws().region())));
	}

	@Bean
	AwsClientFactory awsClientFactory(AuditProperties properties, SdkHttpClient awsHttpClient,
			AwsCredentialsProvider awsCredentialsProvider, ClientOverrideConfiguration awsClientOverrides) {
		return new AwsClientFactory(Region.of(properties.aws().region()), awsHttpClient, awsCredentialsProvider,
				awsClientOverrides);
	}

	/** Applies the shared settings to a client builder. */
	record AwsClientFactory(Region region, SdkHttpClient httpClient, AwsCredentialsProvider credentials,
			ClientOverrideConfiguration overrides) {

		<B extends AwsClientBuilder<B, C> & software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder<B, C>, C> C build(
				B builder) {
			return build(builder, this.region);
		}

		<B extends AwsClientBuilder<B, C> & software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder<B, C>, C> C build(
				B builder, Region region) {
			return build(builder, region, this.overrides);
		}

		<B extends AwsClientBuilder<B, C> & software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder<B, C>, C> C build(
				B builder, Region region, ClientOverrideConfiguration overrides) {
			return builder.region(region)
				.httpClient(this.httpClient)
				.credentialsProvider(this.credentials)
				.overrideConfiguration(overrides)
				.build();
		}

	}

	/**
	 * Whether {@code AWS_ENDPOINT_URL} (or the service's own variable or system property)
	 * redirects a service: S3 then needs path-style addressing.
	 */
	static final class EndpointOverrides {

		private EndpointOverrides() {
		}

		static boolean isOverridden(String service) {
			return Optional.ofNullable(System.getenv("AWS_ENDPOINT_URL_" + service.toUpperCase()))
				.or(() -> Optional.ofNullable(System.getenv("AWS_ENDPOINT_URL")))
				.or(() -> Optional.ofNullable(System.getProperty("aws.endpointUrl" + service)))
				.or(() -> Optional.ofNullable(System.getProperty("aws.endpointUrl")))
				.map(URI::create)
				.isPresent();
		}

	}

}
