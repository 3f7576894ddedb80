-- The inventory query: AWS Config advanced query on the organization's aggregator.
-- Edit the WHERE clause to narrow the audit (for example AND accountId IN ('123456789012'),
-- or AND configuration.path BEGINNING WITH '/team/'); keep every selected field: the job
-- refuses to start without them. Keep ORDER BY accountId: accounts are enriched as soon as
-- their rows are in (without it, only after every row is read). Text after -- is a comment
-- (removed before sending).
SELECT
  accountId,
  awsRegion,
  arn,
  resourceId,
  resourceName,
  resourceCreationTime,
  configurationItemStatus,
  configurationItemCaptureTime,
  configuration.createDate,
  configuration.path,
  configuration.groupList,
  configuration.attachedManagedPolicies,
  configuration.userPolicyList,
  tags
WHERE
  resourceType = 'AWS::IAM::User'
ORDER BY
  accountId
