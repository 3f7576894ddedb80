package io.iamuseraudit.fakeaws;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;

import org.gaul.s3proxy.blobstore.BlobStore;
import org.gaul.s3proxy.blobstore.ForwardingBlobStore;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectRequest;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Errors injected into an S3Proxy: its blob store is wrapped so that listing, reading or
 * writing an object can fail with an AWS error, which S3Proxy answers over HTTP with that
 * status and code, as S3 does (503 SlowDown when throttled). The next N calls, or a
 * seeded random share of them. Thread-safe.
 */
public final class S3Faults {

	private final AtomicInteger next = new AtomicInteger();

	private volatile int nextStatus;

	private volatile String nextCode;

	private Random random;

	private double fraction;

	private final Map<String, Random> bucketRandoms = new HashMap<>();

	private final Map<String, Double> bucketFractions = new HashMap<>();

	private final Map<String, Integer> injected = new TreeMap<>();

	private final ThreadLocal<S3Exception> decided = new ThreadLocal<>();

	/**
	 * Wraps a store so that these faults apply to its listing, reading, heading and
	 * writing of objects. A {@link ForwardingBlobStore}, which S3Proxy sees through to
	 * the real store's type.
	 */
	public BlobStore wrap(BlobStore store) {
		return new ForwardingBlobStore(store) {

			@Override
			public ListObjectsV2Response list(ListObjectsV2Request request) {
				fault(request.bucket());
				return super.list(request);
			}

			@Override
			public PutObjectResponse putBlob(PutObjectRequest request, InputStream content) {
				if (failing(request.bucket())) {
					// As S3 does: the whole request is read, then answered with the
					// error.
					try {
						content.transferTo(OutputStream.nullOutputStream());
					}
					catch (IOException ex) {
						throw new UncheckedIOException(ex);
					}
					fault(request.bucket());
				}
				return super.putBlob(request, content);
			}

			@Override
			public HeadObjectResponse blobMetadata(HeadObjectRequest request) {
				fault(request.bucket());
				return super.blobMetadata(request);
			}

			@Override
			public ResponseInputStream<GetObjectResponse> getBlob(GetObjectRequest request) {
				fault(request.bucket());
				return super.getBlob(request);
			}

		};
	}

	/** The next {@code times} calls fail with this status and error code. */
	public void failNext(int times, int status, String code) {
		this.nextStatus = status;
		this.nextCode = code;
		this.next.set(times);
	}

	/** A share of the calls fail with 503 SlowDown, 503 ServiceUnavailable or 500. */
	public synchronized void failRandomly(double fraction, long seed) {
		this.fraction = fraction;
		this.random = new Random(seed);
	}

	/**
	 * A share of the calls about one bucket fail, drawn from a sequence of its own (so
	 * that a bucket used by one thread at a time fails the same calls in every run).
	 */
	public synchronized void failRandomly(String bucket, double fraction, long seed) {
		this.bucketFractions.put(bucket, fraction);
		this.bucketRandoms.put(bucket, new Random(seed));
	}

	public synchronized void clear() {
		this.fraction = 0;
		this.bucketFractions.clear();
		this.bucketRandoms.clear();
		this.next.set(0);
		this.injected.clear();
	}

	/** Errors injected so far, by bucket. */
	public synchronized Map<String, Integer> injected() {
		return Map.copyOf(this.injected);
	}

	private void fault(String bucket) {
		S3Exception error = decide(bucket);
		if (error != null) {
			throw error;
		}
	}

	/**
	 * Decides whether this call fails; a decision to fail is kept for the next fault().
	 */
	private boolean failing(String bucket) {
		S3Exception error = decide(bucket);
		this.decided.set(error);
		return error != null;
	}

	private synchronized S3Exception decide(String bucket) {
		S3Exception decided = this.decided.get();
		if (decided != null) {
			this.decided.remove();
			return decided;
		}
		if (this.next.getAndUpdate(left -> Math.max(0, left - 1)) > 0) {
			return error(bucket, this.nextStatus, this.nextCode);
		}
		Random bucketRandom = this.bucketRandoms.get(bucket);
		if (bucketRandom != null) {
			return (bucketRandom.nextDouble() < this.bucketFractions.get(bucket)) ? randomError(bucket, bucketRandom)
					: null;
		}
		return (this.fraction > 0 && this.random.nextDouble() < this.fraction) ? randomError(bucket, this.random)
				: null;
	}

	private S3Exception randomError(String bucket, Random random) {
		return switch (random.nextInt(3)) {
			case 0 -> error(bucket, 503, "SlowDown");
			case 1 -> error(bucket, 503, "ServiceUnavailable");
			default -> error(bucket, 500, "InternalError");
		};
	}

	private synchronized S3Exception error(String bucket, int status, String code) {
		this.injected.merge(bucket, 1, Integer::sum);
		return (S3Exception) S3Exception.builder()
			.statusCode(status)
			.message("injected " + code)
			.awsErrorDetails(AwsErrorDetails.builder().errorCode(code).errorMessage("injected " + code).build())
			.build();
	}

}
