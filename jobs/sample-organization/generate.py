#!/usr/bin/env python3
"""Generate the sample AWS Organization that iam-user-audit audits when no AWS account is configured.

Run from this folder (Python 3.11+, standard library only):

    python3 generate.py

Every run rewrites the same bytes: all randomness comes from fixed seeds, nothing reads the clock,
and nothing iterates over a set.  The files mimic real AWS API output (see README.md).
"""
from __future__ import annotations

import csv
import datetime as dt
import json
import random
import re
import urllib.parse
import uuid
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

SEED = 20261124
OUT = Path(__file__).resolve().parent

UTC = dt.timezone.utc
AS_OF = dt.datetime(2026, 11, 24, tzinfo=UTC)
REPORT_TIME = dt.datetime(2026, 11, 24, 5, 0, tzinfo=UTC)  # GeneratedTime of every credential report
CLOUDTRAIL_CUTOFF = AS_OF - dt.timedelta(days=90)  # 2026-08-26: LookupEvents only reaches back 90 days
IAM_TAGGING_LAUNCH = dt.datetime(2018, 11, 15, tzinfo=UTC)  # CreateUser accepts tags since then
# Random activity and key rotation dates stay out of 81-99 days before the report, so the deliberate
# 89/90/91-day cases are the only ones near the 90-day threshold.
BOUNDARY_WINDOW = (REPORT_TIME - dt.timedelta(days=100), REPORT_TIME - dt.timedelta(days=80))
ORG_ID = "o-7example1"
IDENTITY_STORE_ID = "d-9067example"

ID_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"  # IAM unique ids use this base32 alphabet
USER_NAME_RE = re.compile(r"[A-Za-z0-9+=,.@_-]{1,64}")
TAG_VALUE_RE = re.compile(r"[\w\s.:/=+\-@]{0,256}")  # IAM: Unicode letters, digits, spaces, _ . : / = + - @

CREDENTIAL_REPORT_HEADER = [
    "user", "arn", "user_creation_time", "password_enabled", "password_last_used", "password_last_changed",
    "password_next_rotation", "mfa_active",
    "access_key_1_active", "access_key_1_last_rotated", "access_key_1_last_used_date",
    "access_key_1_last_used_region", "access_key_1_last_used_service",
    "access_key_2_active", "access_key_2_last_rotated", "access_key_2_last_used_date",
    "access_key_2_last_used_region", "access_key_2_last_used_service",
    "cert_1_active", "cert_1_last_rotated", "cert_2_active", "cert_2_last_rotated",
]


# ------------------------------ time helpers

def t(text: str) -> dt.datetime:
    """Parse an ISO-8601 local date-time as UTC."""
    return dt.datetime.fromisoformat(text).replace(tzinfo=UTC)


def days(n: float) -> dt.timedelta:
    return dt.timedelta(days=n)


def noon_days_before_as_of(n: int) -> dt.datetime:
    """The boundary cases sit exactly n days before 2026-11-24, at 12:00:00 UTC."""
    return AS_OF.replace(hour=12) - days(n)


def iso_ms(ts: dt.datetime) -> str:  # AWS Config / Organizations: 2021-03-04T10:11:12.000Z
    return ts.strftime("%Y-%m-%dT%H:%M:%S.") + f"{ts.microsecond // 1000:03d}Z"


def iso_s(ts: dt.datetime) -> str:  # CloudTrail eventTime: 2026-11-17T09:12:44Z
    return ts.strftime("%Y-%m-%dT%H:%M:%SZ")


def iso_report(ts: dt.datetime) -> str:  # credential report: 2026-11-03T08:15:22+00:00
    return ts.strftime("%Y-%m-%dT%H:%M:%S+00:00")


MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]


def cloudtrail_create_date(ts: dt.datetime) -> str:
    """CloudTrail renders responseElements.user.createDate like 'Nov 17, 2026, 9:12:44 AM'."""
    hour = ts.hour % 12 or 12
    return f"{MONTHS[ts.month - 1]} {ts.day}, {ts.year}, {hour}:{ts:%M:%S} {'AM' if ts.hour < 12 else 'PM'}"


class Rng(random.Random):
    """random.Random plus the few draws this generator needs."""

    def between(self, start: dt.datetime, end: dt.datetime) -> dt.datetime:
        """A whole second in [start, end]."""
        span = int((end - start).total_seconds())
        return start + dt.timedelta(seconds=self.randint(0, max(span, 0)))

    def chance(self, p: float) -> bool:
        return self.random() < p

    def weighted(self, weights: dict):
        return self.choices(list(weights), weights=list(weights.values()))[0]

    def uuid4(self) -> str:
        return str(uuid.UUID(int=self.getrandbits(128), version=4))

    def hex(self, n: int) -> str:
        return "".join(self.choice("0123456789abcdef") for _ in range(n))

    def digits(self, n: int) -> str:
        return "".join(self.choice("0123456789") for _ in range(n))

    def millis(self, ts: dt.datetime) -> dt.datetime:
        return ts.replace(microsecond=self.randint(0, 999) * 1000)


def clear_of_boundary(ts: dt.datetime, floor: dt.datetime) -> dt.datetime:
    """Move a random date (drawn at or after floor) out of BOUNDARY_WINDOW."""
    lo, hi = BOUNDARY_WINDOW
    if lo < ts < hi:
        return lo if lo >= floor else hi
    return ts


def stream(name: str) -> Rng:
    """An independent, reproducible random stream per generation stage."""
    return Rng(f"{SEED}:{name}")


class IdFactory:
    """Unique IAM-style ids (AIDA…, AROA…) and obviously fake access key ids (ASIAEXAMPLE…)."""

    def __init__(self, rng: Rng):
        self.rng = rng
        self.seen: set[str] = set()

    def _unique(self, make) -> str:
        while (value := make()) in self.seen:
            pass
        self.seen.add(value)
        return value

    def unique_id(self, prefix: str) -> str:
        return self._unique(lambda: prefix + "".join(self.rng.choice(ID_CHARS) for _ in range(17)))

    def access_key_id(self, prefix: str) -> str:  # prefix AKIA (long-term) or ASIA (session)
        return self._unique(lambda: prefix + "EXAMPLE" + self.rng.digits(9))


# ------------------------------ model

@dataclass
class Key:
    active: bool
    rotated: dt.datetime
    last_used: dt.datetime | None = None
    region: str = "N/A"
    service: str = "N/A"


@dataclass
class Root:
    password_used: dt.datetime | None  # None -> no_information
    mfa: bool
    keys: list[Key] = field(default_factory=list)


@dataclass
class Account:
    name: str
    id: str
    users: int
    recent: int  # live users created after 2026-08-26
    last_week: int  # random-fill users created 2026-11-17..23
    joined_method: str
    joined: dt.datetime
    born: dt.datetime  # account (and root user) creation
    kinds: dict  # weights of human / service / legacy for random-fill users
    name_style: str
    teams: list[str]
    groups: list[str]
    password_max_age: int | None
    root: Root
    sso_people: list[str]
    iam_creators: list[str]  # users with AdministratorAccess/IAMFullAccess who create other users
    roles: dict = field(default_factory=dict)  # role name -> (role name, AROA id), filled later

    @property
    def email(self) -> str:
        return f"aws+{self.name}@example.com"


@dataclass
class User:
    account: Account
    name: str
    kind: str  # human | service | legacy
    created: dt.datetime
    path: str = "/"
    user_id: str = ""
    display: str | None = None  # a human's real name, used for owner tags of random-fill users
    groups: list[str] = field(default_factory=list)
    managed: list[str] = field(default_factory=list)  # "aws:Name" or "cust:path/Name"
    inline: list[str] = field(default_factory=list)  # keys of INLINE_POLICIES
    tags: list[tuple[str, str]] | None = field(default_factory=list)  # None: Config omits "tags"
    status: str = "OK"
    capture: dt.datetime | None = None
    duplicate: bool = False  # also recorded by the eu-west-1 recorder
    console: bool = False
    mfa: bool = False
    password_used: dt.datetime | None = None
    password_changed: dt.datetime | None = None
    keys: list[Key] = field(default_factory=list)
    in_report: bool = True
    event: str | None | bool = None  # creator kind, False = deliberately no CloudTrail event, None = decide
    note: str = ""
    explicit: bool = False

    @property
    def arn(self) -> str:
        return f"arn:aws:iam::{self.account.id}:user{self.path}{self.name}"

    def last_activity(self) -> dt.datetime | None:
        used = [k.last_used for k in self.keys if k.last_used] + ([self.password_used] if self.password_used else [])
        return max(used) if used else None


@dataclass
class DeletedUser:
    account: Account
    name: str
    status: str  # ResourceDeleted | ResourceDeletedNotRecorded
    created: dt.datetime | None  # None: resourceCreationTime absent
    deleted: dt.datetime
    shape: str  # which optional fields Config still returns: "none" | "empty-tags" | "empty-both"
    path: str = "/"
    user_id: str = ""
    event: str | None = None
    note: str = ""

    @property
    def arn(self) -> str:
        return f"arn:aws:iam::{self.account.id}:user{self.path}{self.name}"


# ------------------------------ the organization

def _accounts() -> list[Account]:
    a = Account
    return [
        a("shared-services", "161803398874", 20, 2, 0, "INVITED", t("2017-05-09T08:14:27.391"),
          t("2014-02-11T09:00:00"),
          {"human": 45, "service": 40, "legacy": 15}, "first.last", ["cloud-ops", "identity"],
          ["administrators", "cloud-ops", "readonly", "billing"], None,
          Root(t("2026-11-02T08:14:55"), True), ["jane.doe@example.com", "dmitry.ivanov@example.com"], ["ops-admin"]),
        a("legacy-billing", "141421356237", 62, 2, 0, "INVITED", t("2017-05-22T13:40:02.118"), t("2013-09-03T12:00:00"),
          {"human": 40, "service": 25, "legacy": 35}, "flast", ["billing-ops", "finance-it"],
          ["admins", "billing", "developers", "readonly", "reporting"], None,
          Root(t("2026-09-14T19:02:11"), False,
               [Key(True, t("2015-06-02T10:00:00"), t("2026-10-02T03:15:00"), "us-east-1", "s3")]),
          ["jane.doe@example.com", "lukasz.zolc@example.com"], ["admin"]),
        a("platform-prod", "104857600123", 118, 9, 2, "INVITED", t("2017-06-01T09:03:44.870"), t("2015-01-20T10:30:00"),
          {"human": 55, "service": 35, "legacy": 10}, "first.last", ["platform-team", "sre", "developer-experience"],
          ["developers", "sre", "readonly", "administrators", "ci-deployers", "oncall"], None,
          Root(t("2025-12-05T16:47:03"), True,
               [Key(False, t("2016-01-11T09:00:00"), t("2017-02-03T11:20:00"), "eu-west-1", "ec2")]),
          ["jane.doe@example.com", "zoe.angstrom@example.com", "r.kowalski@example.com", "s.patel@example.com"],
          ["admin.bob", "r.kowalski"]),
        a("payments-prod", "271828182845", 25, 3, 1, "CREATED", t("2018-03-14T10:27:51.604"), t("2018-03-14T10:27:51"),
          {"human": 50, "service": 40, "legacy": 10}, "f.last", ["payments-team", "risk"],
          ["developers", "payments-ops", "readonly", "pci-auditors"], 90,
          Root(None, True), ["renee.muller@example.com", "jane.doe@example.com"], ["renee.muller"]),
        a("audit-log-archive", "980665000321", 2, 0, 0, "CREATED", t("2018-09-04T15:02:19.007"),
          t("2018-09-04T15:02:19"),
          {"service": 1}, "first.last", ["security-team"], ["readonly"], None,
          Root(None, True), ["jane.doe@example.com"], []),
        a("data-lake", "314159265358", 40, 4, 1, "CREATED", t("2019-02-18T11:45:30.250"), t("2019-02-18T11:45:30"),
          {"human": 45, "service": 45, "legacy": 10}, "email", ["data-platform", "analytics"],
          ["data-engineers", "analysts", "readonly", "ci-deployers"], None,
          Root(t("2024-06-11T10:05:40"), True),
          ["li.lei@example.com", "jane.doe@example.com", "a.nguyen@example.com"], []),
        a("security-tooling", "577215664901", 6, 1, 0, "CREATED", t("2019-07-30T07:12:09.880"),
          t("2019-07-30T07:12:09"),
          {"human": 20, "service": 80}, "first.last", ["security-team"], ["security-auditors", "readonly"], 90,
          Root(None, True), ["zoe.angstrom@example.com", "sec.lead@example.com"], []),
        a("marketing-web", "299792458000", 10, 1, 0, "INVITED", t("2020-10-12T14:30:00.515"), t("2016-04-05T08:00:00"),
          {"human": 40, "service": 40, "legacy": 20}, "first.last", ["web-team", "growth"],
          ["web-editors", "developers", "readonly"], None,
          Root(t("2021-02-17T12:00:41"), True), ["jane.doe@example.com", "c.dubois@example.com"], []),
        a("ml-research", "662607015034", 14, 2, 0, "CREATED", t("2021-11-08T09:09:09.090"), t("2021-11-08T09:09:09"),
          {"human": 60, "service": 35, "legacy": 5}, "first_last", ["ml-platform", "research"],
          ["researchers", "ml-platform", "readonly"], None,
          Root(None, True), ["orjan.bjornstad@example.com", "jane.doe@example.com"], []),
        a("sandbox-jane", "602214076123", 3, 1, 0, "CREATED", t("2024-03-19T14:51:12.345"), t("2024-03-19T14:51:12"),
          {"human": 1}, "first.last", ["jane"], ["developers"], None,
          Root(None, True), ["jane.doe@example.com"], []),
    ]


# Inline policy documents (Config stores them URL-encoded, exactly as IAM returns them).
INLINE_POLICIES = {
    "inline-s3": ({"Version": "2012-10-17", "Statement": [{
        "Effect": "Allow", "Action": ["s3:GetObject", "s3:PutObject"],
        "Resource": "arn:aws:s3:::team-scratch-{account}/*"}]}, True),
    "inline-admin": ({"Version": "2012-10-17", "Statement": [{
        "Effect": "Allow", "Action": "*", "Resource": "*"}]}, False),
    "AmazonSesSendingAccess": ({"Version": "2012-10-17", "Statement": [{
        "Effect": "Allow", "Action": "ses:SendRawEmail", "Resource": "*"}]}, True),
    "sns-publish-sms": ({"Version": "2012-10-17", "Statement": [{
        "Effect": "Allow", "Action": "sns:Publish", "Resource": "*",
        "Condition": {"StringEquals": {"sns:Protocol": "sms"}}}]}, False),
    "assume-deploy-role": ({"Version": "2012-10-17", "Statement": [{
        "Effect": "Allow", "Action": "sts:AssumeRole", "Resource": "arn:aws:iam::{account}:role/deploy"}]}, True),
    "kms-decrypt-app-secrets": ({"Version": "2012-10-17", "Statement": [{
        "Effect": "Allow", "Action": ["kms:Decrypt", "secretsmanager:GetSecretValue"], "Resource": "*"}]}, False),
    "logs-write": ({"Version": "2012-10-17", "Statement": [{
        "Effect": "Allow", "Action": ["logs:CreateLogStream", "logs:PutLogEvents"],
        "Resource": "arn:aws:logs:*:{account}:log-group:/app/*"}]}, True),
    "route53-acme": ({"Version": "2012-10-17", "Statement": [{
        "Effect": "Allow", "Action": "route53:ChangeResourceRecordSets",
        "Resource": "arn:aws:route53:::hostedzone/Z0EXAMPLE4SAMPLE"}]}, False),
    "invoice-bucket": ({"Version": "2012-10-17", "Statement": [{
        "Sid": "InvoiceSync", "Effect": "Allow", "Action": ["s3:ListBucket", "s3:GetObject", "s3:PutObject"],
        "Resource": ["arn:aws:s3:::invoices-{account}", "arn:aws:s3:::invoices-{account}/*"]}]}, True),
    "s3-read-raw": ({"Version": "2012-10-17", "Statement": [{
        "Effect": "Allow", "Action": ["s3:GetObject", "s3:ListBucket"],
        "Resource": ["arn:aws:s3:::raw-zone-{account}", "arn:aws:s3:::raw-zone-{account}/*"]}]}, False),
    "force-mfa": ({"Version": "2012-10-17", "Statement": [{
        "Sid": "DenyAllWithoutMFA", "Effect": "Deny", "NotAction": ["iam:*MFADevice", "sts:GetSessionToken"],
        "Resource": "*", "Condition": {"BoolIfExists": {"aws:MultiFactorAuthPresent": "false"}}}]}, True),
}

AWS_POLICIES_HUMAN = ["aws:ReadOnlyAccess", "aws:job-function/ViewOnlyAccess", "aws:AmazonS3ReadOnlyAccess",
                      "aws:CloudWatchReadOnlyAccess"]
AWS_POLICIES_SERVICE = ["aws:AmazonS3ReadOnlyAccess", "aws:AmazonS3FullAccess", "aws:CloudWatchReadOnlyAccess",
                        "aws:AmazonEC2ContainerRegistryPowerUser", "aws:AmazonSQSFullAccess", "aws:AmazonSESFullAccess",
                        "aws:AmazonRoute53FullAccess", "aws:AmazonDynamoDBReadOnlyAccess",
                        "aws:CloudWatchAgentServerPolicy", "aws:AmazonKinesisFullAccess"]
AWS_POLICIES_LEGACY = ["aws:PowerUserAccess", "aws:AmazonS3FullAccess", "aws:AmazonEC2FullAccess",
                       "aws:job-function/Billing"]

FIRST_NAMES = [
    "alice", "bruno", "carlos", "dana", "elena", "farid", "grace", "hiro", "ines", "jakub", "kofi", "lena", "marco",
    "nadia", "oscar", "priya", "quentin", "rosa", "sven", "tara", "umar", "vera", "wei", "ximena", "yusuf", "zara",
    "amara", "ben", "chloe", "diego", "emeka", "fatima", "gustavo", "hannah", "ivan", "julia", "kenji", "laila",
    "mateo", "noor", "olga", "pablo", "rahul", "sofia", "tomas", "uma", "viktor", "wanjiru", "yara", "zeynep",
    "aiko", "camille", "deepak", "erik", "freya", "gabriel", "helga", "isaac", "jonas", "kamala", "liam", "mei",
    "nils", "omar", "petra", "ravi", "sara", "thomas", "ulrike", "valentina", "will", "anna", "david", "maria",
]
LAST_NAMES = [
    "martin", "okafor", "silva", "nguyen", "kowalski", "schmidt", "rossi", "garcia", "tanaka", "haddad", "mensah",
    "johansson", "dubois", "petrov", "novak", "fischer", "moreau", "park", "ali", "costa", "jensen", "kumar",
    "lopez", "mwangi", "obi", "reyes", "santos", "yilmaz", "zhang", "andersen", "becker", "chen", "dias", "evans",
    "ferreira", "gupta", "hansen", "ibrahim", "jovanovic", "kim", "larsen", "meyer", "nakamura", "olsen", "patel",
    "quinn", "romero", "sato", "torres", "ueda", "varga", "weber", "wong", "young", "brown", "walsh", "horvat",
]
SERVICE_NAMES = {
    "platform-prod": [
        "argocd-image-updater", "prometheus-exporter", "ecr-push", "k8s-external-dns", "cert-manager-route53",
        "gitlab-runner", "sentry-sourcemaps", "vault-aws-engine", "packer-builder", "fluentbit-logs",
        "velero-backup", "newrelic-metrics", "pagerduty-sync", "lambda-deployer", "cloudwatch-agent",
        "svc-search-indexer", "svc-image-resizer", "svc-pdf-renderer", "kinesis-producer", "svc-nightly-batch",
        "svc-sonarqube", "nexus-artifacts", "svc-harbor-replication", "svc-spinnaker", "circleci-deploy",
        "svc-crm-sync", "route53-updater", "acme-dns-challenge", "svc-dr-replication", "datadog-integration",
        "github-actions-deploy", "s3-uploader", "svc-backup-verify", "svc-rundeck", "svc-ansible",
        "ci-artifacts", "svc-feature-store", "svc-email-renderer", "svc-geoip-updater", "svc-link-checker",
    ],
    "legacy-billing": [
        "svc-ledger-export", "svc-reporting", "sftp-transfer", "nagios", "svc-chef", "svc-puppet", "salt-master",
        "svc-pdf-invoices", "svc-dunning-mailer", "svc-tax-rates", "svc-cost-explorer", "cloudhealth-readonly",
        "redshift-loader", "svc-crystal-reports",
    ],
    "data-lake": [
        "airflow-worker", "svc-dbt", "svc-looker", "svc-tableau", "redshift-loader", "glue-crawler-dev",
        "kinesis-firehose-writer", "svc-kafka-connect", "svc-spark-history", "svc-trino", "emr-jobs",
        "svc-great-expectations", "svc-fivetran", "svc-census-sync", "svc-metabase", "svc-datahub",
    ],
    "payments-prod": [
        "svc-stripe-webhooks", "svc-ledger-export", "svc-fraud-scoring", "svc-3ds-gateway", "svc-payout-batch",
        "svc-settlement-sftp", "svc-kms-signer", "datadog-integration", "pagerduty-sync", "svc-chargeback-sync",
    ],
    "shared-services": [
        "svc-sso-scim-sync", "cloudhealth-readonly", "svc-cost-explorer", "route53-updater", "svc-directory-sync",
        "svc-account-factory", "svc-backup-verify", "acme-dns-challenge", "svc-nexus-proxy",
    ],
    "ml-research": ["svc-wandb-sync", "svc-sagemaker-pipelines", "svc-hf-mirror", "svc-dvc-remote", "svc-ray-cluster"],
    "marketing-web": ["svc-mailchimp-export", "svc-hubspot-sync", "svc-analytics-export", "svc-image-cdn"],
    "security-tooling": ["securityhub-sync", "macie-export", "svc-scout-suite", "svc-siem-ingest", "svc-osquery"],
}
LEGACY_NAMES = [
    "test2", "test-user", "administrator", "olduser", "demo", "qa-tester", "dev1", "dev2", "ftp", "migration-2016",
    "backup", "s3user", "api-user", "testuser123", "john-laptop", "tmp", "contractor-acme", "intern2018", "poc-user",
    "do-not-delete", "sandbox", "guest", "jenkins-old", "vpn-user", "build", "old-ci", "hadoop", "tomcat", "svn",
    "mailer", "wordpress-old", "import-tool", "monitoring", "reports", "legacy-api", "root-backup",
]
OTHER_TAGS = {
    "CostCenter": ["CC-1001", "CC-1042", "CC-2210", "CC-3300", "4711"],
    "Environment": ["prod", "staging", "dev", "shared"],
    "Project": ["atlas", "checkout", "lakehouse", "hermes", "legacy-erp"],
    "ManagedBy": ["terraform", "cloudformation", "manual"],
    "Purpose": ["log shipping", "nightly export", "CI deploys", "break glass"],
}
OWNER_KEYS = {"Owner": 50, "owner": 15, "OWNER": 6, "team": 15, "Contact": 14}
KEY_SERVICES = {
    "human": ["s3", "ec2", "sts", "cloudwatch", "logs", "lambda", "dynamodb", "iam"],
    "service": ["s3", "ecr", "sts", "logs", "cloudwatch", "sqs", "sns", "secretsmanager", "kms", "route53"],
    "legacy": ["s3", "ec2", "iam", "rds", "sts"],
}
KEY_REGIONS = ["us-east-1", "us-east-1", "us-east-1", "eu-west-1", "eu-central-1", "us-west-2"]


# ------------------------------ deliberate edge cases
#
# Every user below exists on purpose; README.md lists them.  Fields not given are drawn at random like the rest
# of the organization.  "creds" fixes the credential report row completely, "hints" only steers the draw.

def K(active: bool, rotated: str, last_used: str | None = None, region: str = "N/A", service: str = "N/A") -> Key:
    return Key(active, t(rotated), t(last_used) if last_used else None, region, service)


def _edge_users() -> list[dict]:
    b89, b90, b91 = (noon_days_before_as_of(n) for n in (89, 90, 91))
    long_name = "svc-partner-data-exchange-eu-central-1-nightly-export-batch-0001"
    assert len(long_name) == 64
    return [
        # ---- platform-prod
        dict(account="platform-prod", name="alice.martin", kind="human", created="2021-03-04T10:11:12",
             groups=["developers"], managed=["aws:ReadOnlyAccess"], inline=["inline-s3"],
             tags=[("Owner", "Alice Martin")], duplicate=True, hints=dict(console=True, mfa=True, activity="today"),
             note="the example row; inline policy; duplicated by the eu-west-1 recorder"),
        dict(account="platform-prod", name="admin.bob", kind="human", created="2017-08-14T09:30:05",
             groups=["administrators"], managed=["aws:AdministratorAccess"],
             tags=[("Owner", "Bob Adeyemi"), ("CostCenter", "CC-1001")], event="Root",
             hints=dict(console=True, mfa=True, nkeys=1, activity="today"),
             note="AdministratorAccess attached directly; creator (IAMUser) of other users' events"),
        dict(account="platform-prod", name="r.kowalski", kind="human", created="2019-10-02T13:45:10",
             groups=["sre"], managed=["aws:IAMFullAccess"], tags=[("owner", "r.kowalski@example.com")],
             hints=dict(console=True, mfa=True, activity="recent"), note="IAMFullAccess; lower-case 'owner' key"),
        dict(account="platform-prod", name="zoe.angstrom", kind="human", created="2020-05-11T08:02:33",
             groups=["developers", "sre"], tags=[("Owner", "Zoë Ångström")], hints=dict(console=True, mfa=True),
             note="Unicode owner; the same person creates users as SSO session zoe.angstrom@example.com"),
        dict(account="platform-prod", name="k.nakamura", kind="human", created="2022-04-19T09:14:00",
             groups=["developers"], tags=[("Owner", "Kenji Nakamura")],
             creds=dict(console=True, mfa=True, password_used=b89, password_changed=t("2022-04-19T09:20:00")),
             note="last activity exactly 89 days before 2026-11-24 (2026-08-27T12:00:00, console)"),
        dict(account="platform-prod", name="grafana-cloudwatch", kind="service", path="/service/",
             created="2020-01-28T16:20:41", managed=["aws:CloudWatchReadOnlyAccess"],
             tags=[("team", "observability"), ("ManagedBy", "terraform")],
             creds=dict(keys=[Key(True, noon_days_before_as_of(90), t("2026-11-23T21:40:00"), "eu-west-1",
                                  "monitoring")]),
             note="active access key rotated exactly 90 days before (2026-08-26T12:00:00), used yesterday"),
        dict(account="platform-prod", name="svc-jenkins", kind="service", path="/service/",
             created="2018-02-06T11:02:17", groups=["ci-deployers"],
             managed=["aws:AmazonEC2ContainerRegistryPowerUser", "cust:ci/deploy-artifacts"],
             tags=[("team", "@platform-team")], duplicate=True, hints=dict(nkeys=2, two_active=True, activity="today"),
             note="two active keys; team tag value starts with @; duplicated; path /service/"),
        dict(account="platform-prod", name="terraform-ci", kind="service", created="2019-06-24T15:31:09",
             managed=["aws:AdministratorAccess"], tags=[("ManagedBy", "terraform"), ("Environment", "prod")],
             creds=dict(keys=[K(True, "2019-06-24T15:35:00", "2026-03-02T09:12:00", "us-east-1", "iam"),
                              K(True, "2024-01-15T10:00:00")]),
             note="AdministratorAccess; two active keys, key 2 never used; inactive since 2026-03-02; "
                  "only unrelated tags; same name as the terraform-ci role that creates users"),
        dict(account="platform-prod", name="temp-contractor", kind="legacy", path="/contractors/",
             created="2026-10-20T14:03:51", tags=[("CostCenter", "=cmd:calc")], event="SSO:jane.doe@example.com",
             hints=dict(console=True, mfa=False, nkeys=0, activity="recent"),
             note="re-created: a ResourceDeleted row has the same ARN/name but another resourceId; "
                  "CostCenter starts with =; console without MFA"),
        dict(account="platform-prod", name="p.lindqvist", kind="human", created="2026-11-24T07:30:00",
             groups=["developers"], tags=[("Owner", "Petra Lindqvist")], status="ResourceDiscovered",
             capture=t("2026-11-24T07:41:12.118"), in_report=False, event="SSO:zoe.angstrom@example.com",
             creds=dict(console=True, mfa=False, password_changed=t("2026-11-24T07:30:02")),
             note="created after the credential reports (05:00Z): absent from its report"),
        dict(account="platform-prod", name="svc-feature-flags", kind="service", created="2026-11-21T16:05:09",
             tags=[("Owner", "platform-team@example.com")], event=False, status="ResourceDiscovered",
             hints=dict(nkeys=1, activity="today"), note="created in the last week but no CloudTrail event"),
        dict(account="platform-prod", name=long_name, kind="service", path="/service/", created="2026-02-17T10:00:00",
             managed=["cust:partner-exchange-write"], tags=[("Contact", "partners@example.com")],
             hints=dict(nkeys=1, unused_key=True), note="64-character user name (IAM maximum); active key never used"),
        dict(account="platform-prod", name="ops+alerts@example.com", kind="service", created="2023-05-30T12:34:56",
             managed=["aws:AmazonSESFullAccess"], tags=[("Contact", "ops-oncall@example.com")],
             note="user name containing + and @"),
        dict(account="platform-prod", name="test", kind="legacy", created="2015-03-02T17:45:12", tags=None,
             event="Root", creds=dict(console=True, mfa=False, password_changed=t("2015-03-02T17:46:30")),
             note="console password never used (no_information), no MFA, no keys, 'tags' omitted"),
        dict(account="platform-prod", name="build-cache-stack-ArtifactUser-Q2W8E4R6T1Y3", kind="service",
             created="2025-07-08T13:22:05", managed=["cust:build-cache-rw"], tags=[("Project", "build-cache")],
             event="CloudFormation", note="CloudFormation-generated name; created by role cfn-deployer"),
        # ---- legacy-billing
        dict(account="legacy-billing", name="admin", kind="legacy", created="2014-03-11T10:05:00",
             managed=["aws:AdministratorAccess"], tags=[], duplicate=True, event="Root",
             creds=dict(console=True, mfa=False, password_used=t("2026-11-21T08:02:41"),
                        password_changed=t("2019-02-01T09:00:00"),
                        keys=[K(True, "2016-02-09T12:00:00", "2026-11-20T07:15:00", "eu-west-1", "s3")]),
             note="AdministratorAccess, console without MFA, key rotated in 2016; duplicated"),
        dict(account="legacy-billing", name="admin2", kind="legacy", created="2016-07-19T08:40:22",
             managed=["aws:AdministratorAccess"], tags=None,
             creds=dict(console=True, mfa=False, password_used=t("2025-10-08T13:37:00"),
                        password_changed=t("2016-07-19T08:41:00")),
             note="AdministratorAccess, console without MFA, inactive 412 days, 'tags' omitted"),
        dict(account="legacy-billing", name="test", kind="legacy", created="2015-01-13T09:00:00",
             tags=[("Owner", "=1+2")], creds=dict(keys=[K(True, "2015-01-13T09:05:00")]),
             note="Owner value starts with =; active key never used since 2015 (same name as platform-prod/test)"),
        dict(account="legacy-billing", name="lukasz.zolc", kind="legacy", created="2018-09-03T07:55:10",
             groups=["billing"], tags=[("Owner", "Łukasz Żółć")], hints=dict(console=True, mfa=True),
             note="Unicode owner"),
        dict(account="legacy-billing", name="svc-invoice-sync", kind="service", created="2020-11-30T10:10:10",
             inline=["invoice-bucket"], tags=[("Contact", "Łukasz Żółć"), ("CostCenter", "-FIN-200")],
             note="Unicode Contact; CostCenter starts with -; inline policy"),
        dict(account="legacy-billing", name="backup-agent", kind="service", created="2017-04-04T03:12:45",
             managed=["aws:service-role/AWSBackupServiceRolePolicyForBackup"], tags=[("team", "-ops-team")],
             hints=dict(nkeys=1, activity="today"), note="team value starts with -; managed policy ARN with a path"),
        dict(account="legacy-billing", name="JSmith", kind="legacy", created="2016-11-02T14:20:00",
             tags=[("Department", "Finance")],
             creds=dict(console=True, mfa=True, password_used=t("2025-03-14T10:02:00"),
                        password_changed=t("2016-11-02T14:21:00")),
             note="mixed-case name; inactive 620 days; only unrelated tags"),
        dict(account="legacy-billing", name="ses-smtp-user.20190412-101112", kind="service",
             created="2019-04-12T10:11:12", inline=["AmazonSesSendingAccess"], tags=[],
             hints=dict(nkeys=2, two_active=True, activity="today"),
             note="SES SMTP user name; two active keys; tags []"),
        dict(account="legacy-billing", name="deploy", kind="legacy", created="2016-03-03T16:16:16",
             inline=["inline-admin"], tags=[("Environment", "prod")], hints=dict(console=False, nkeys=1),
             note="admin-equivalent only through an inline policy (Action * / Resource *)"),
        dict(account="legacy-billing", name="m.weber", kind="human", created="2017-01-09T09:45:00",
             groups=["reporting"], tags=[("Owner", "Max Weber")],
             creds=dict(console=False, password_used=t("2025-01-10T15:22:10")),
             note="password removed (password_enabled false) but password_last_used keeps its date; no keys"),
        # ---- payments-prod (password policy: max age 90 days)
        dict(account="payments-prod", name="renee.muller", kind="human", created="2018-03-20T09:00:00",
             managed=["aws:IAMFullAccess"], groups=["payments-ops"], tags=[("OWNER", "Renée Müller")],
             duplicate=True, hints=dict(console=True, mfa=True, activity="today"),
             note="IAMFullAccess; upper-case OWNER key; Unicode; duplicated; creator of other users"),
        dict(account="payments-prod", name="m.rossi", kind="human", created="2019-05-06T10:30:00",
             groups=["developers"], tags=[("Owner", "Marco Rossi")],
             creds=dict(console=True, mfa=True, password_used=b91, password_changed=t("2026-06-02T08:00:00"),
                        keys=[K(True, "2026-01-12T08:00:00", "2026-07-30T16:20:00", "us-east-1", "dynamodb")]),
             note="last activity exactly 91 days before (2026-08-25T12:00:00, console)"),
        dict(account="payments-prod", name="svc-twilio-sms", kind="service", created="2021-02-15T11:11:11",
             inline=["sns-publish-sms"], tags=[("Contact", "+441234567")],
             hints=dict(nkeys=2, two_active=True, activity="today"),
             note="Contact value starts with +; two active keys; inline policy"),
        dict(account="payments-prod", name="j.okafor", kind="human", created="2020-08-17T08:08:08",
             groups=["developers"], tags=[("Owner", "Jide Okafor"), ("team", "payments-team")],
             hints=dict(console=True, mfa=False, activity="recent"),
             note="two owner-ish tags (Owner and team); console without MFA"),
        dict(account="payments-prod", name="break-glass-admin", kind="legacy", created="2019-01-08T12:00:00",
             managed=["aws:AdministratorAccess"], tags=[("Owner", "security-team@example.com"),
                                                         ("Purpose", "break glass")],
             creds=dict(console=True, mfa=True, password_changed=t("2026-10-01T09:00:00")),
             note="AdministratorAccess; password never used (no_information), created 2019"),
        # ---- data-lake
        dict(account="data-lake", name="li.lei", kind="human", created="2019-03-25T02:14:00",
             groups=["data-engineers"], tags=[("owner", "李雷")], hints=dict(console=True, mfa=True),
             note="CJK owner under lower-case 'owner'"),
        dict(account="data-lake", name="svc-report-export", kind="service", created="2021-06-01T12:00:00",
             managed=["aws:AmazonS3ReadOnlyAccess"], tags=[("Owner", "data-platform@example.com")],
             creds=dict(keys=[Key(True, t("2025-12-01T09:00:00"), b90, "eu-west-1", "s3")]),
             note="last activity exactly 90 days before (2026-08-26T12:00:00, access key)"),
        dict(account="data-lake", name="airflow-worker-2", kind="service", created="2026-09-09T10:44:10",
             managed=["aws:AmazonS3FullAccess"], tags=[("team", "data-platform")], event=False,
             hints=dict(nkeys=1, activity="today"), note="created within CloudTrail's 90 days, no event"),
        dict(account="data-lake", name="glue-dev", kind="service", created="2022-08-08T08:08:08",
             managed=["aws:service-role/AWSGlueServiceRole"], tags=[("Owner", "=2+5")],
             hints=dict(nkeys=1, activity="inactive"), note="Owner value starts with =; inactive"),
        dict(account="data-lake", name="athena-query-runner", kind="service", created="2020-02-20T20:20:20",
             managed=["aws:AmazonAthenaFullAccess", "aws:AmazonS3ReadOnlyAccess"],
             tags=[("team", "analytics")], hints=dict(nkeys=2, two_active=True, activity="today"),
             note="two active keys"),
        dict(account="data-lake", name="snowflake-loader", kind="service", created="2023-03-03T03:03:03",
             inline=["s3-read-raw"], tags=[("Owner", "data-platform@example.com")], duplicate=True,
             hints=dict(nkeys=1, unused_key=True), note="active key never used; inline policy; duplicated"),
        # ---- shared-services (management account)
        dict(account="shared-services", name="dmitry.ivanov", kind="human", created="2017-10-10T10:10:10",
             groups=["cloud-ops"], tags=[("Owner", "Дмитрий Иванов")], duplicate=True,
             hints=dict(console=True, mfa=True), note="Cyrillic owner; duplicated"),
        dict(account="shared-services", name="oncall-pager", kind="service", created="2018-12-03T18:00:00",
             managed=["aws:AmazonSNSFullAccess"], tags=[("Contact", "+1 555 0100")],
             note="Contact value starts with +"),
        dict(account="shared-services", name="ops-admin", kind="legacy", created="2017-05-10T09:00:00",
             managed=["aws:AdministratorAccess", "aws:IAMFullAccess"], tags=[("owner", "cloud-ops@example.com")],
             event="Root", hints=dict(console=True, mfa=True, nkeys=1, activity="recent"),
             note="AdministratorAccess + IAMFullAccess; creator of other users"),
        dict(account="shared-services", name="kops", kind="legacy", created="2017-09-09T09:09:09",
             managed=["cust:AdministratorAccess"], tags=[("Project", "k8s-legacy")],
             note="customer-managed policy merely *named* AdministratorAccess (not arn:aws:iam::aws:policy/…)"),
        # ---- ml-research
        dict(account="ml-research", name="orjan.bjornstad", kind="human", created="2022-01-17T09:30:00",
             groups=["researchers"], tags=[("Owner", "Ørjan Bjørnstad")], hints=dict(console=True, mfa=True),
             note="Unicode owner"),
        dict(account="ml-research", name="svc-mlflow", kind="service", created="2022-06-06T06:06:06",
             managed=["aws:AmazonS3FullAccess"], tags=[("Owner", "")], note="Owner tag present but empty"),
        dict(account="ml-research", name="gpu-sandbox", kind="service", created="2023-09-12T13:00:00",
             managed=["aws:AmazonEC2FullAccess"], tags=[("CostCenter", "-42"), ("Project", "llm-eval")],
             hints=dict(nkeys=2, two_active=True, activity="recent"),
             note="only unrelated tags; CostCenter starts with -; two active keys"),
        dict(account="ml-research", name="sagemaker-notebooks", kind="service", created="2026-10-05T10:15:00",
             managed=["aws:AmazonSageMakerFullAccess"], tags=[("team", "ml-platform")], event="IdentityCenterUser",
             note="created by an IdentityCenterUser identity"),
        dict(account="ml-research", name="h_tanaka", kind="human", created="2024-04-02T08:30:00",
             groups=["researchers"], tags=[("Owner", "Hiro Tanaka")],
             hints=dict(console=True, mfa=False, activity="moderate"), note="console without MFA"),
        # ---- marketing-web
        dict(account="marketing-web", name="svc-wordpress", kind="service", created="2016-06-01T12:00:00",
             managed=["aws:AmazonS3FullAccess"], tags=[("Owner", " Web Team ")],
             note="Owner value with leading and trailing spaces"),
        dict(account="marketing-web", name="svc-cdn-purge", kind="service", created="2021-04-14T14:14:14",
             tags=[("team", "@web-team")], inline=["assume-deploy-role"], note="team value starts with @"),
        dict(account="marketing-web", name="agency-user", kind="human", path="/contractors/",
             created="2024-09-09T09:09:09", groups=["web-editors"], tags=[("Contact", "+33 1 23 45 67 89")],
             hints=dict(console=True, mfa=False, nkeys=0, activity="inactive"),
             note="contractor path; Contact starts with +; console without MFA; inactive"),
        dict(account="marketing-web", name="cloudflare-logpush", kind="service", created="2022-02-22T22:22:22",
             managed=["cust:logpush-write"], tags=[("Environment", "prod")],
             hints=dict(nkeys=2, two_active=True, activity="today"), note="two active keys; only unrelated tags"),
        dict(account="marketing-web", name="wp-offload-stack-MediaUser-7QKX3J2M9P1L", kind="service",
             created="2023-11-02T15:40:00", managed=["cust:wp-media-rw"], tags=[], event="CloudFormation",
             note="CloudFormation-generated name; created by cfn-deployer"),
        # ---- security-tooling (password policy: max age 90 days)
        dict(account="security-tooling", name="guardduty-export", kind="service", created="2019-08-05T10:00:00",
             managed=["aws:AmazonGuardDutyReadOnlyAccess"], tags=[("Contact", "@security-oncall")],
             note="Contact value starts with @"),
        dict(account="security-tooling", name="prowler-scanner", kind="service", created="2019-09-17T11:00:00",
             managed=["aws:SecurityAudit", "aws:job-function/ViewOnlyAccess"], tags=[("team", "security-team")],
             creds=dict(keys=[K(True, "2025-09-30T10:00:00", "2026-11-24T02:00:00", "us-east-1", "securityhub")]),
             note="key rotated 420 days ago but used 3 hours before the report"),
        dict(account="security-tooling", name="securityhub-sync", kind="service", created="2026-10-07T11:48:20",
             managed=["aws:AWSSecurityHubReadOnlyAccess"], tags=[("Owner", "security-team@example.com")],
             event="IdentityCenterUser", note="created by an IdentityCenterUser identity"),
        # ---- sandbox-jane
        dict(account="sandbox-jane", name="jane", kind="human", created="2024-03-19T15:00:00",
             managed=["aws:AdministratorAccess"], tags=[("Owner", "Jane Doe")],
             hints=dict(console=True, mfa=False, nkeys=1, activity="recent"),
             note="AdministratorAccess, console without MFA"),
        dict(account="sandbox-jane", name="test", kind="legacy", created="2024-03-20T09:00:00", tags=None,
             hints=dict(console=False, nkeys=1, activity="inactive"), note="'tags' omitted; inactive"),
        dict(account="sandbox-jane", name="lambda-experiments", kind="service", created="2026-11-19T19:04:33",
             managed=["aws:AWSLambda_FullAccess"], tags=[("owner", "jane.doe@example.com")],
             status="ResourceDiscovered", event="SSO:jane.doe@example.com", hints=dict(nkeys=1, activity="today"),
             note="created in the last week"),
        # ---- audit-log-archive
        dict(account="audit-log-archive", name="splunk-forwarder", kind="service", created="2018-09-10T10:00:00",
             managed=["aws:AmazonS3ReadOnlyAccess"], tags=[("Owner", "security-team@example.com")],
             hints=dict(nkeys=2, two_active=True, activity="today"), note="two active keys"),
        dict(account="audit-log-archive", name="log-archive-readonly", kind="service", created="2019-02-01T10:00:00",
             managed=["aws:AmazonS3ReadOnlyAccess"], tags=[("team", "security-team")],
             hints=dict(nkeys=1, activity="never"), note="never used (active key unused), created 2019"),
    ]


def _deleted_users() -> list[dict]:
    return [
        dict(account="platform-prod", name="temp-contractor", path="/contractors/", status="ResourceDeleted",
             created="2025-02-10T11:20:00", deleted="2026-10-14T16:42:10.512", shape="empty-tags",
             event="SSO:jane.doe@example.com",
             note="earlier incarnation of the live temp-contractor (same ARN, other resourceId); "
                  "has a CreateUser event"),
        dict(account="data-lake", name="etl-legacy", status="ResourceDeleted", created="2019-05-14T09:30:00",
             deleted="2026-07-01T08:00:03.771", shape="none", note="no configuration, no tags"),
        dict(account="legacy-billing", name="ftp-upload", status="ResourceDeleted", created="2016-08-08T12:00:00",
             deleted="2026-11-03T10:15:47.092", shape="empty-both", note='"configuration":{} and "tags":[]'),
        dict(account="ml-research", name="hackathon-bot", status="ResourceDeleted", created="2026-09-15T13:37:00",
             deleted="2026-10-30T17:05:55.310", shape="empty-tags", event="Terraform",
             note="created and deleted within 90 days; its CreateUser event is still in CloudTrail"),
        dict(account="marketing-web", name="wp-media-offload", status="ResourceDeletedNotRecorded", created=None,
             deleted="2026-08-02T04:12:29.654", shape="none", note="no resourceCreationTime either"),
    ]


# ------------------------------ building users

class OrgBuilder:
    def __init__(self, accounts: list[Account]):
        self.accounts = accounts
        self.by_name = {a.name: a for a in accounts}
        self.ids = IdFactory(stream("ids"))
        self.rng = stream("users")
        self.cred_rng = stream("credentials")
        self.users: list[User] = []
        self.deleted: list[DeletedUser] = []
        self.taken: dict[str, set[str]] = {a.id: set() for a in accounts}  # lower-cased names per account

    def build(self) -> None:
        for a in self.accounts:
            for role in ("terraform-ci", "cfn-deployer", "AdministratorAccess", "IAMAdmins"):
                rid = self.ids.unique_id("AROA")
                name = role if role in ("terraform-ci", "cfn-deployer") else \
                    f"AWSReservedSSO_{role}_{stream('sso-' + a.id + role).hex(16)}"
                a.roles[role] = (name, rid)
        for spec in _edge_users():
            self._add_edge(spec)
        for a in self.accounts:
            self._fill(a)
        for spec in _deleted_users():
            a = self.by_name[spec["account"]]
            self.deleted.append(DeletedUser(
                account=a, name=spec["name"], status=spec["status"],
                created=t(spec["created"]) if spec["created"] else None, deleted=t(spec["deleted"]),
                shape=spec["shape"], path=spec.get("path", "/"), user_id=self.ids.unique_id("AIDA"),
                event=spec.get("event"), note=spec["note"]))
        self._omit_some_tags()
        for u in self.users:
            if not u.capture:
                u.capture = self._capture_time(u)

    # -- users --------------------------------------------------------------------------------------

    def _claim(self, a: Account, name: str) -> bool:
        assert USER_NAME_RE.fullmatch(name), name
        if name.lower() in self.taken[a.id]:
            return False
        self.taken[a.id].add(name.lower())
        return True

    def _add_edge(self, spec: dict) -> None:
        a = self.by_name[spec["account"]]
        assert self._claim(a, spec["name"]), spec["name"]
        u = User(account=a, name=spec["name"], kind=spec["kind"], created=t(spec["created"]),
                 path=spec.get("path", "/"), user_id=self.ids.unique_id("AIDA"),
                 groups=spec.get("groups", []), managed=spec.get("managed", []), inline=spec.get("inline", []),
                 tags=spec["tags"], status=spec.get("status", "OK"), capture=spec.get("capture"),
                 duplicate=spec.get("duplicate", False), in_report=spec.get("in_report", True),
                 event=spec.get("event"), note=spec["note"], explicit=True)
        if "creds" in spec:
            c = spec["creds"]
            u.console, u.mfa = c.get("console", False), c.get("mfa", False)
            u.password_used, u.password_changed = c.get("password_used"), c.get("password_changed")
            u.keys = c.get("keys", [])
        else:
            self._draw_credentials(u, **spec.get("hints", {}))
        self.users.append(u)

    def _fill(self, a: Account) -> None:
        rng = self.rng
        existing = [u for u in self.users if u.account is a]
        recent_left = a.recent - sum(u.created > CLOUDTRAIL_CUTOFF for u in existing)
        assert recent_left >= 0, a.name
        for i in range(a.users - len(existing)):
            kind = rng.weighted(a.kinds)
            if i < recent_left:
                lo, hi = (t("2026-11-17T06:00:00"), t("2026-11-23T20:00:00")) if i < a.last_week \
                    else (t("2026-09-06T06:00:00"), t("2026-11-16T20:00:00"))
            else:
                lo = a.born + days(14)
                hi = t("2021-12-31T20:00:00") if kind == "legacy" else t("2026-08-15T20:00:00")
            created = rng.between(lo, hi).replace(hour=rng.randint(6, 19))
            u = self._new_fill_user(a, kind, created)
            if created >= t("2026-11-17T00:00:00"):
                u.status = "ResourceDiscovered"  # recorded once, unchanged since
            self._draw_permissions(u)
            self._draw_tags(u)
            self._draw_credentials(u)
            self.users.append(u)

    def _new_fill_user(self, a: Account, kind: str, created: dt.datetime) -> User:
        rng = self.rng
        display, path = None, "/"
        while True:
            if kind == "human":
                first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
                style = a.name_style if rng.chance(0.8) else rng.choice(["first.last", "f.last", "flast", "Flast"])
                name = {"first.last": f"{first}.{last}", "f.last": f"{first[0]}.{last}",
                        "flast": f"{first[0]}{last}", "Flast": f"{first[0].upper()}{last.capitalize()}",
                        "first_last": f"{first}_{last}", "email": f"{first}.{last}@example.com"}[style]
                display = f"{first.capitalize()} {last.capitalize()}"
                if rng.chance(0.07):
                    path = "/contractors/"
            elif kind == "service":
                pool = [n for n in SERVICE_NAMES.get(a.name, []) if n.lower() not in self.taken[a.id]]
                name = rng.choice(pool) if pool else f"svc-worker-{rng.digits(3)}"
                if a.name == "platform-prod" and rng.chance(0.4):
                    path = "/service/"
            else:
                name = rng.choice(LEGACY_NAMES)
            if self._claim(a, name):
                return User(account=a, name=name, kind=kind, created=created, path=path,
                            user_id=self.ids.unique_id("AIDA"), display=display)

    def _draw_permissions(self, u: User) -> None:
        rng, groups = self.rng, u.account.groups
        if u.kind == "human":
            u.groups = rng.sample(groups, k=min(len(groups), rng.choice([1, 1, 1, 2, 2, 3])))
            if rng.chance(0.15):
                u.managed = [rng.choice(AWS_POLICIES_HUMAN)]
            if rng.chance(0.04):
                u.inline = [rng.choice(["inline-s3", "force-mfa"])]
        elif u.kind == "service":
            if "ci-deployers" in groups and rng.chance(0.2):
                u.groups = ["ci-deployers"]
            u.managed = rng.sample(AWS_POLICIES_SERVICE, k=rng.choice([0, 1, 1, 2]))
            if rng.chance(0.35):
                u.managed.append(f"cust:{u.name}-policy")
            if rng.chance(0.12):
                u.inline = [rng.choice(["logs-write", "kms-decrypt-app-secrets", "route53-acme",
                                        "assume-deploy-role"])]
        else:
            if rng.chance(0.5):
                u.groups = [rng.choice(groups)]
            if rng.chance(0.3):
                u.managed = [rng.choice(AWS_POLICIES_LEGACY)]

    def _draw_tags(self, u: User) -> None:
        rng, a = self.rng, u.account
        category = rng.weighted({"owner": 64, "other": 15, "none": 21})
        tags: list[tuple[str, str]] = []
        if category == "owner":
            key = rng.weighted(OWNER_KEYS)
            team = rng.choice(a.teams)
            if key == "team":
                value = team
            elif u.kind == "human" and rng.chance(0.75):
                value = u.display if rng.chance(0.6) else f"{u.display.lower().replace(' ', '.')}@example.com"
            else:
                value = rng.choice([f"{team}@example.com", team, rng.choice(a.sso_people)])
            tags.append((key, value))
        if category == "other" or (category == "owner" and rng.chance(0.35)):
            for k in rng.sample(sorted(OTHER_TAGS), k=rng.choice([1, 1, 2])):
                tags.append((k, rng.choice(OTHER_TAGS[k])))
        u.tags = tags

    def _omit_some_tags(self) -> None:
        """About ten users have no "tags" field at all in Config; the other untagged users have []."""
        omitted = sum(u.tags is None for u in self.users)
        untagged = [u for u in self.users if u.tags == [] and not u.explicit]
        for u in self.rng.sample(untagged, k=10 - omitted):
            u.tags = None

    # -- credential report rows -----------------------------------------------------------------------

    def _draw_credentials(self, u: User, console=None, mfa=None, nkeys=None, two_active=False,
                          unused_key=False, activity=None) -> None:
        rng = self.cred_rng
        kind_defaults = {"human": (0.95, 0.98, {0: 60, 1: 35, 2: 5}),
                         "service": (0.03, 0.0, {1: 91, 2: 6, 0: 3}),
                         "legacy": (0.55, 0.85, {1: 62, 0: 30, 2: 8})}
        p_console, p_mfa, key_weights = kind_defaults[u.kind]
        u.console = rng.chance(p_console) if console is None else console
        if nkeys is None:
            nkeys = rng.weighted(key_weights)
            if not u.console and nkeys == 0 and rng.chance(0.7):
                nkeys = 1  # most users without a password work with an access key
        age = REPORT_TIME - u.created
        if activity is None:
            if age < days(100):
                activity = rng.weighted({"today": 50, "recent": 30, "never": 20})
            else:
                activity = rng.weighted({
                    "human": {"today": 25, "recent": 30, "moderate": 15, "inactive": 24, "never": 4},
                    "service": {"today": 50, "recent": 20, "moderate": 10, "inactive": 12, "never": 4},
                    "legacy": {"today": 10, "recent": 10, "moderate": 10, "inactive": 45, "never": 8},
                }[u.kind])
        if not u.console and (nkeys == 0 or unused_key):
            activity = "never"
        last = self._last_activity(u, activity)
        if mfa is None:  # an administrator can assign MFA to a user who never signed in, but rarely does
            mfa = u.console and rng.chance(p_mfa if last else p_mfa * 0.7)
        u.mfa = mfa

        # Which credential carries the last activity?
        password_carries = u.console and last is not None and (nkeys == 0 or unused_key or rng.chance(0.6))
        if u.console:
            u.password_used = last if password_carries else (
                clear_of_boundary(rng.between(u.created, last), u.created) if last and rng.chance(0.7) else None)
            ref = u.password_used or REPORT_TIME
            if u.account.password_max_age:
                u.password_changed = rng.between(max(u.created, ref - days(80)), ref)
            elif rng.chance(0.5):
                u.password_changed = u.created + dt.timedelta(minutes=rng.randint(1, 20))
            else:
                u.password_changed = rng.between(u.created, ref)

        if nkeys == 0:
            return
        main_last = None if unused_key or last is None else (
            last if not password_carries else
            (clear_of_boundary(rng.between(max(u.created, last - days(60)), last), u.created) if rng.chance(0.85)
             else None))
        main = self._key(u, main_last, rotated_before=main_last)
        if nkeys == 1:
            u.keys = [main]
        elif two_active:
            # rotation in progress: the newer key is also active, used less recently or not at all
            newer = Key(True, rng.between(max(main.rotated, REPORT_TIME - days(60)), REPORT_TIME - days(1)))
            if main_last and newer.rotated < main_last and rng.chance(0.6):
                self._use(u, newer, rng.between(newer.rotated, main_last))
            u.keys = [main, newer]
        elif main.rotated - u.created > days(2):
            # an older, deactivated key that was replaced by the active one
            old = Key(False, clear_of_boundary(rng.between(u.created, main.rotated - days(1)), u.created))
            if rng.chance(0.8):
                self._use(u, old, clear_of_boundary(rng.between(old.rotated, main.rotated), old.rotated))
            u.keys = [old, main]
        else:
            u.keys = [main]

    def _last_activity(self, u: User, activity: str) -> dt.datetime | None:
        """Random last activity; never 81-99 days back, so the 89/90/91-day boundary users stay unique."""
        rng = self.cred_rng
        ranges = {"today": (dt.timedelta(hours=1), days(2)), "recent": (days(2), days(30)),
                  "moderate": (days(30), days(80)), "inactive": (days(100), days(700))}
        order = ["inactive", "moderate", "recent", "today"]
        if activity == "never":
            return None
        for category in order[order.index(activity):]:
            near, far = ranges[category]
            start = max(REPORT_TIME - far, u.created + dt.timedelta(hours=1))
            end = REPORT_TIME - near
            if start < end:
                return rng.between(start, end)
        return None

    def _key(self, u: User, last_used: dt.datetime | None, rotated_before: dt.datetime | None) -> Key:
        """An active key; most keys were rotated within the last 80 days, the rest more than 100 days ago."""
        rng = self.cred_rng
        latest = rotated_before or REPORT_TIME - dt.timedelta(hours=2)
        recent_start = max(u.created, REPORT_TIME - days(80))
        old_end = min(latest, REPORT_TIME - days(100))
        if recent_start < latest and (rng.chance(0.94) or old_end <= u.created):
            rotated = rng.between(recent_start, latest)
        elif u.created < old_end:
            rotated = rng.between(u.created, old_end)
        else:
            rotated = rng.between(u.created, latest)
        key = Key(True, rotated)
        if last_used:
            self._use(u, key, last_used)
        return key

    def _use(self, u: User, key: Key, when: dt.datetime) -> None:
        key.last_used = when
        key.region = self.cred_rng.choice(KEY_REGIONS)
        key.service = self.cred_rng.choice(KEY_SERVICES[u.kind])

    # -- AWS Config --------------------------------------------------------------------------------------

    def _capture_time(self, u: User) -> dt.datetime:
        rng = self.rng
        if u.status == "ResourceDiscovered":
            return rng.millis(u.created + dt.timedelta(minutes=rng.randint(3, 15), seconds=rng.randint(0, 59)))
        if rng.chance(0.65) or u.created > t("2026-11-01T00:00:00"):
            # the recorder's daily run on the evening before the audit
            return rng.millis(rng.between(t("2026-11-23T22:00:00"), t("2026-11-23T23:30:00")))
        return rng.millis(rng.between(max(u.created, t("2023-01-01T00:00:00")), t("2026-11-20T00:00:00")))


# ------------------------------ file: accounts.json

def accounts_json(accounts: list[Account], management: Account) -> dict:
    return {"Accounts": [{
        "Id": a.id,
        "Arn": f"arn:aws:organizations::{management.id}:account/{ORG_ID}/{a.id}",
        "Email": a.email,
        "Name": a.name,
        "Status": "ACTIVE",
        "JoinedMethod": a.joined_method,
        "JoinedTimestamp": iso_ms(a.joined),
    } for a in sorted(accounts, key=lambda a: a.joined)]}


# ------------------------------ file: config-query-results.jsonl

def policy_arn(ref: str, account: Account) -> str:
    kind, rest = ref.split(":", 1)
    return f"arn:aws:iam::aws:policy/{rest}" if kind == "aws" else f"arn:aws:iam::{account.id}:policy/{rest}"


def encoded_policy(name: str, account: Account) -> str:
    document, pretty = INLINE_POLICIES[name]
    text = json.dumps(document, indent=4 if pretty else None, separators=None if pretty else (",", ":"))
    return urllib.parse.quote(text.replace("{account}", account.id), safe="")


def config_row(u: User, region: str, capture: dt.datetime) -> dict:
    row = {
        "accountId": u.account.id,
        "awsRegion": region,
        "arn": u.arn,
        "resourceId": u.user_id,
        "resourceName": u.name,
        "resourceCreationTime": iso_ms(u.created),
        "configurationItemStatus": u.status,
        "configurationItemCaptureTime": iso_ms(capture),
        "configuration": {
            "createDate": iso_ms(u.created),
            "path": u.path,
            "groupList": u.groups,
            "attachedManagedPolicies": [{"policyArn": policy_arn(p, u.account), "policyName": p.rsplit("/", 1)[-1]
                                         .split(":", 1)[-1]} for p in u.managed],
            "userPolicyList": [{"policyName": n, "policyDocument": encoded_policy(n, u.account)} for n in u.inline],
        },
    }
    if u.tags is not None:
        row["tags"] = [{"key": k, "value": v} for k, v in u.tags]
    return row


def deleted_row(d: DeletedUser) -> dict:
    row = {"accountId": d.account.id, "awsRegion": "us-east-1", "arn": d.arn, "resourceId": d.user_id,
           "resourceName": d.name}
    if d.created:
        row["resourceCreationTime"] = iso_ms(d.created)
    row["configurationItemStatus"] = d.status
    row["configurationItemCaptureTime"] = iso_ms(d.deleted)
    if d.shape == "empty-both":
        row["configuration"] = {}
    if d.shape in ("empty-tags", "empty-both"):
        row["tags"] = []
    return row


def config_rows(org: OrgBuilder) -> list[dict]:
    rng = stream("config")
    blocks: dict[str, list[dict]] = {a.id: [] for a in org.accounts}
    for u in org.users:
        blocks[u.account.id].append(config_row(u, "us-east-1", u.capture))
        if u.duplicate:
            other = rng.millis(u.capture + dt.timedelta(minutes=rng.choice([-1, 1]) * rng.randint(7, 300)))
            blocks[u.account.id].append(config_row(u, "eu-west-1", max(other, u.created)))
    for d in org.deleted:
        blocks[d.account.id].append(deleted_row(d))
    rows = []
    for account_id in sorted(blocks):  # ORDER BY accountId; order inside an account is unspecified
        block = blocks[account_id]
        rng.shuffle(block)
        rows.extend(block)
    return rows


# ------------------------------ file: cloudtrail-events.jsonl

class TrailBuilder:
    """CreateUser management events as CloudTrail records them."""

    def __init__(self, org: OrgBuilder):
        self.org = org
        self.rng = stream("cloudtrail")
        self.ids = IdFactory(stream("cloudtrail-ids"))
        self.ips: dict[str, str] = {}

    def build(self) -> list[dict]:
        events = []
        for u in self.org.users:
            if u.event is False:
                continue
            if u.event is None and not (u.created > CLOUDTRAIL_CUTOFF or self.rng.chance(0.35)):
                continue
            creator = u.event or self._choose_creator(u.account, u.kind, u.created, u)
            events.append(self._event(u.account, u.name, u.path, u.user_id, u.created, u.tags or [], creator))
        for d in self.org.deleted:
            if d.event:
                events.append(self._event(d.account, d.name, d.path, d.user_id, d.created, [], d.event))
        events.sort(key=lambda e: (e["recipientAccountId"], e["eventTime"], e["eventID"]))
        return events

    def _choose_creator(self, a: Account, kind: str, created: dt.datetime, target: User) -> str:
        iam = [u.name for u in self.org.users if u.account is a and u.name in a.iam_creators
               and u.created < created - days(1) and u is not target]
        weights = {}
        if created < t("2018-01-01T00:00:00"):
            weights["Root"] = 30
        if iam:
            weights["IAMUser"] = 35 if kind != "service" else 15
        if created > t("2018-03-01T00:00:00"):
            weights["SSO"] = 50 if kind != "service" else 25
        if created > t("2021-11-01T00:00:00"):
            weights["Terraform"] = 40 if kind == "service" else 8
        weights["CloudFormation"] = 12 if kind == "service" else 3
        choice = self.rng.weighted(weights)
        if choice == "IAMUser":
            return "IAMUser:" + self.rng.choice(iam)
        if choice == "SSO":
            return "SSO:" + self.rng.choice(a.sso_people)
        return choice

    def _ip(self, who: str) -> str:
        """A stable documentation-range (RFC 5737) address per principal."""
        if who not in self.ips:
            net = self.rng.choice(["192.0.2", "198.51.100", "203.0.113"])
            self.ips[who] = f"{net}.{self.rng.randint(10, 250)}"
        return self.ips[who]

    def _session_context(self, issuer: dict, start: dt.datetime, mfa: bool, web_identity: dict | None = None):
        return {"sessionIssuer": issuer, "webIdFederationData": web_identity or {},
                "attributes": {"creationDate": iso_s(start), "mfaAuthenticated": "true" if mfa else "false"}}

    def _role_issuer(self, a: Account, role: str, path: str = "/") -> tuple[dict, str, str]:
        name, rid = a.roles[role]
        issuer = {"type": "Role", "principalId": rid, "arn": f"arn:aws:iam::{a.id}:role{path}{name}",
                  "accountId": a.id, "userName": name}
        return issuer, name, rid

    def _cli_agent(self, when: dt.datetime) -> str:
        if when < t("2020-02-10T00:00:00"):
            return "aws-cli/1.16.140 Python/3.7.3 Darwin/18.5.0 botocore/1.12.130"
        return ("aws-cli/2.15.30 md/awscrt#0.19.19 ua/2.0 os/macos#23.4.0 md/arch#arm64 lang/python#3.11.8 "
                "md/pyimpl#CPython cfg/retry-mode#standard md/installer#exe md/prompt#off md/command#iam.create-user")

    def _event(self, a: Account, name: str, path: str, user_id: str, created: dt.datetime,
               tags: list[tuple[str, str]], creator: str) -> dict:
        rng = self.rng
        kind, _, who = creator.partition(":")
        console = False
        session_start = created - dt.timedelta(minutes=rng.randint(2, 55), seconds=rng.randint(0, 59))
        send_path = path != "/"
        send_tags = bool(tags) and created >= IAM_TAGGING_LAUNCH and rng.chance(0.75)
        invoked_by = None
        if kind == "IAMUser":
            creator_user = next(u for u in self.org.users if u.account is a and u.name == who)
            console = rng.chance(0.5)  # console session (ASIA…) or the user's long-term access key (AKIA…)
            identity = {"type": "IAMUser", "principalId": creator_user.user_id, "arn": creator_user.arn,
                        "accountId": a.id, "accessKeyId": self.ids.access_key_id("ASIA" if console else "AKIA"),
                        "userName": who}
            if console:
                identity["sessionContext"] = self._session_context({}, session_start, creator_user.mfa)
            source, agent = self._ip(creator_user.arn), None if console else self._cli_agent(created)
        elif kind == "SSO":
            permission_set = "AdministratorAccess" if rng.chance(0.7) else "IAMAdmins"
            issuer, role_name, rid = self._role_issuer(a, permission_set, "/aws-reserved/sso.amazonaws.com/")
            identity = {"type": "AssumedRole", "principalId": f"{rid}:{who}",
                        "arn": f"arn:aws:sts::{a.id}:assumed-role/{role_name}/{who}", "accountId": a.id,
                        "accessKeyId": self.ids.access_key_id("ASIA"),
                        "sessionContext": self._session_context(issuer, session_start, False)}
            console = rng.chance(0.75)
            source, agent = self._ip(who), None if console else self._cli_agent(created)
        elif kind == "Terraform":
            run = f"GitHubActions-{rng.randint(9_000_000_000, 12_999_999_999)}"
            issuer, role_name, rid = self._role_issuer(a, "terraform-ci")
            oidc = {"federatedProvider": f"arn:aws:iam::{a.id}:oidc-provider/token.actions.githubusercontent.com",
                    "attributes": {}}
            job_start = created - dt.timedelta(seconds=rng.randint(20, 300))
            identity = {"type": "AssumedRole", "principalId": f"{rid}:{run}",
                        "arn": f"arn:aws:sts::{a.id}:assumed-role/{role_name}/{run}", "accountId": a.id,
                        "accessKeyId": self.ids.access_key_id("ASIA"),
                        "sessionContext": self._session_context(issuer, job_start, False, oidc)}
            send_path, send_tags = True, bool(tags) and created >= IAM_TAGGING_LAUNCH
            source = f"{rng.choice(['192.0.2', '198.51.100', '203.0.113'])}.{rng.randint(10, 250)}"
            agent = ("APN/1.0 HashiCorp/1.0 Terraform/1.9.8 (+https://www.terraform.io) terraform-provider-aws/5.72.1 "
                     "(+https://registry.terraform.io/providers/hashicorp/aws) aws-sdk-go-v2/1.32.2 os/linux "
                     "lang/go#1.23.2 md/GOOS#linux md/GOARCH#amd64 api/iam#1.37.2")
        elif kind == "CloudFormation":
            issuer, role_name, rid = self._role_issuer(a, "cfn-deployer")
            identity = {"type": "AssumedRole", "principalId": f"{rid}:AWSCloudFormation",
                        "arn": f"arn:aws:sts::{a.id}:assumed-role/{role_name}/AWSCloudFormation", "accountId": a.id,
                        "accessKeyId": self.ids.access_key_id("ASIA"),
                        "sessionContext": self._session_context(issuer, session_start, False),
                        "invokedBy": "cloudformation.amazonaws.com"}
            invoked_by = "cloudformation.amazonaws.com"
            send_path, send_tags = True, bool(tags) and created >= IAM_TAGGING_LAUNCH
            source = agent = invoked_by
        elif kind == "Root":
            identity = {"type": "Root", "principalId": a.id, "arn": f"arn:aws:iam::{a.id}:root", "accountId": a.id,
                        "accessKeyId": self.ids.access_key_id("ASIA"),
                        "sessionContext": self._session_context({}, session_start, a.root.mfa)}
            console = True
            source, agent = self._ip(f"root-{a.id}"), None
        elif kind == "IdentityCenterUser":
            management = self.org.by_name["shared-services"]
            identity = {"type": "IdentityCenterUser", "accountId": a.id,
                        "onBehalfOf": {"userId": rng.uuid4(), "identityStoreArn":
                                       f"arn:aws:identitystore::{management.id}:identitystore/{IDENTITY_STORE_ID}"},
                        "credentialId": "EXAMPLEcredentialId" + rng.digits(12)}
            source, agent = self._ip(f"idc-{a.id}"), None
        else:
            raise ValueError(creator)
        if agent is None:  # the IAM console
            agent = "console.amazonaws.com" if created < t("2022-01-01T00:00:00") else "AWS Internal"

        request = {"userName": name}
        if send_path:
            request["path"] = path
        if send_tags:
            request["tags"] = [{"key": k, "value": v} for k, v in tags]
        event = {
            "eventVersion": "1.09",
            "userIdentity": identity,
            "eventTime": iso_s(created),
            "eventSource": "iam.amazonaws.com",
            "eventName": "CreateUser",
            "awsRegion": "us-east-1",
            "sourceIPAddress": source,
            "userAgent": agent,
            "requestParameters": request,
            "responseElements": {"user": {
                "path": path, "userName": name, "userId": user_id,
                "arn": f"arn:aws:iam::{a.id}:user{path}{name}", "createDate": cloudtrail_create_date(created)}},
            "requestID": rng.uuid4(),
            "eventID": rng.uuid4(),
            "readOnly": False,
            "eventType": "AwsApiCall",
            "managementEvent": True,
            "recipientAccountId": a.id,
            "eventCategory": "Management",
        }
        if invoked_by is None and created >= t("2020-01-01T00:00:00"):  # tlsDetails exists since 2020
            modern = created >= t("2023-01-01T00:00:00")
            event["tlsDetails"] = {"tlsVersion": "TLSv1.3" if modern else "TLSv1.2",
                                   "cipherSuite": "TLS_AES_128_GCM_SHA256" if modern else "ECDHE-RSA-AES128-GCM-SHA256",
                                   "clientProvidedHostHeader": "iam.amazonaws.com"}
        if console:
            event["sessionCredentialFromConsole"] = "true"
        return event


def creator_kind(event: dict) -> str:
    identity = event["userIdentity"]
    if identity["type"] != "AssumedRole":
        return identity["type"]
    if "invokedBy" in identity:
        return "AssumedRole (CloudFormation)"
    if "/AWSReservedSSO_" in identity["arn"]:
        return "AssumedRole (IAM Identity Center)"
    return "AssumedRole (terraform-ci, GitHub Actions)"


# ------------------------------ credential reports

def report_rows(a: Account, users: list[User]) -> list[list[str]]:
    def date(ts: dt.datetime | None, missing: str = "N/A") -> str:
        return iso_report(ts) if ts else missing

    def boolean(value: bool) -> str:
        return "true" if value else "false"

    def key_columns(keys: list[Key]) -> list[str]:
        columns = []
        for i in range(2):
            if i < len(keys):
                k = keys[i]
                columns += [boolean(k.active), date(k.rotated), date(k.last_used),
                            k.region if k.last_used else "N/A", k.service if k.last_used else "N/A"]
            else:
                columns += ["false", "N/A", "N/A", "N/A", "N/A"]
        return columns

    root = a.root
    rows = [["<root_account>", f"arn:aws:iam::{a.id}:root", iso_report(a.born), "not_supported",
             date(root.password_used, "no_information"), "not_supported", "not_supported", boolean(root.mfa),
             *key_columns(root.keys), "false", "N/A", "false", "N/A"]]
    for u in sorted(users, key=lambda u: u.name.lower()):
        if not u.in_report:
            continue
        if u.console:
            password = ["true", date(u.password_used, "no_information"), date(u.password_changed),
                        date(u.password_changed + days(a.password_max_age)) if a.password_max_age else "N/A"]
        else:  # a removed password keeps its last-used date
            password = ["false", date(u.password_used), "N/A", "N/A"]
        rows.append([u.name, u.arn, iso_report(u.created), *password, boolean(u.mfa), *key_columns(u.keys),
                     "false", "N/A", "false", "N/A"])
    return rows


# ------------------------------ output

def write_text(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(text.encode("utf-8"))


def compact(obj) -> str:
    return json.dumps(obj, ensure_ascii=False, separators=(",", ":"))


def write_all(org: OrgBuilder, events: list[dict], config: list[dict]) -> None:
    management = org.by_name["shared-services"]
    write_text(OUT / "accounts.json", json.dumps(accounts_json(org.accounts, management), indent=2) + "\n")
    write_text(OUT / "config-query-results.jsonl", "".join(compact(r) + "\n" for r in config))
    write_text(OUT / "cloudtrail-events.jsonl", "".join(compact(e) + "\n" for e in events))
    reports = OUT / "credential-reports"
    for a in org.accounts:
        path = reports / f"{a.id}.csv"
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("w", encoding="utf-8", newline="") as f:
            writer = csv.writer(f, lineterminator="\n")
            writer.writerow(CREDENTIAL_REPORT_HEADER)
            writer.writerows(report_rows(a, [u for u in org.users if u.account is a]))
    generated = {a.id: iso_s(REPORT_TIME) for a in sorted(org.accounts, key=lambda a: a.id)}
    write_text(reports / "generated-times.json", json.dumps(generated, indent=2) + "\n")


def check(org: OrgBuilder, events: list[dict], config: list[dict]) -> None:
    """Invariants the sample promises; a failure means the generator is wrong."""
    users = org.users
    ids = [u.user_id for u in users] + [d.user_id for d in org.deleted]
    assert len(ids) == len(set(ids)), "user ids must be unique"
    for a in org.accounts:
        assert sum(u.account is a for u in users) == a.users, a.name
    for u in users:
        assert USER_NAME_RE.fullmatch(u.name)
        assert u.created <= u.capture
        for k, v in u.tags or []:
            assert TAG_VALUE_RE.fullmatch(v) and not k.lower().startswith("aws:"), (u.name, v)
        for key in u.keys:
            assert key.rotated >= u.created and (key.last_used is None or key.rotated <= key.last_used <= REPORT_TIME)
        if u.password_used:
            assert u.created <= u.password_used <= REPORT_TIME
        if not u.explicit:
            lo, hi = BOUNDARY_WINDOW
            last = u.last_activity()
            assert not (last and lo < last < hi), u.name
            assert not any(k.active and lo < k.rotated < hi for k in u.keys), u.name
    by_id = {u.user_id: u for u in users} | {d.user_id: d for d in org.deleted}
    for e in events:
        created = e["responseElements"]["user"]
        target = by_id[created["userId"]]
        assert created["arn"] == target.arn and created["userName"] == target.name
        assert e["eventTime"] == iso_s(target.created)
    recent = [u for u in users if u.created > CLOUDTRAIL_CUTOFF]
    covered = {e["responseElements"]["user"]["userId"] for e in events}
    assert sum(u.user_id not in covered for u in recent) == 2
    assert [r["accountId"] for r in config] == sorted(r["accountId"] for r in config)


def summary(org: OrgBuilder, events: list[dict], config: list[dict]) -> str:
    users = org.users
    lines = [f"accounts: {len(org.accounts)}", "live users per account:"]
    for a in sorted(org.accounts, key=lambda a: -a.users):
        lines.append(f"  {a.id} {a.name:<18} {a.users:>4}")
    lines.append(f"  total {len(users)}")
    lines.append(f"config rows: {len(config)} (duplicates eu-west-1: {sum(u.duplicate for u in users)}, "
                 f"deleted rows: {len(org.deleted)} = "
                 + ", ".join(f"{n} {s}" for s, n in sorted(Counter(d.status for d in org.deleted).items())) + ")")
    lines.append(f"cloudtrail CreateUser events: {len(events)}")
    for kind, n in sorted(Counter(creator_kind(e) for e in events).items()):
        lines.append(f"  {kind:<42} {n:>4}")

    def days_back(ts: dt.datetime) -> int:
        return (AS_OF.date() - ts.date()).days

    recent = [u for u in users if u.created > CLOUDTRAIL_CUTOFF]
    covered = {e["responseElements"]["user"]["userId"] for e in events}
    old = [u for u in users if u.created <= CLOUDTRAIL_CUTOFF]
    keys = [k for u in users if u.in_report for k in u.keys]
    last = [u.last_activity() for u in users if u.in_report]
    owner_keys = {k.lower() for k in OWNER_KEYS}
    stats = {
        "created after 2026-08-26": f"{len(recent)} ({100 * len(recent) / len(users):.1f}%), "
                                    f"{sum(u.user_id not in covered for u in recent)} without event",
        "created 2026-11-17..2026-11-24": sum(u.created >= t("2026-11-17T00:00:00") for u in users),
        "created 2014-2019": sum(u.created.year <= 2019 for u in users),
        "older users with an event": f"{sum(u.user_id in covered for u in old)} of {len(old)}",
        "owner-ish tag": sum(any(k.lower() in owner_keys for k, _ in u.tags or []) for u in users),
        "only unrelated tags": sum(bool(u.tags) and not any(k.lower() in owner_keys for k, _ in u.tags)
                                   for u in users),
        "tags [] / omitted": f"{sum(u.tags == [] for u in users)} / {sum(u.tags is None for u in users)}",
        "AdministratorAccess / IAMFullAccess direct":
            f"{sum('aws:AdministratorAccess' in u.managed for u in users)} / "
            f"{sum('aws:IAMFullAccess' in u.managed for u in users)}",
        "inline policies": sum(bool(u.inline) for u in users),
        "console without MFA": sum(u.console and not u.mfa for u in users if u.in_report),
        "inactive 100-700 days": sum(x is not None and 100 <= days_back(x) <= 700 for x in last),
        "never used, older than 90 days": sum(u.last_activity() is None and days_back(u.created) > 90
                                              for u in users if u.in_report),
        "active keys never used": sum(k.active and k.last_used is None for k in keys),
        "keys rotated > 90 days ago": f"{sum(days_back(k.rotated) > 90 for k in keys)} of {len(keys)}",
        "users with two active keys": sum(sum(k.active for k in u.keys) == 2 for u in users),
        "active in the last 2 days": sum(x is not None and days_back(x) <= 2 for x in last),
    }
    lines.append("content:")
    lines += [f"  {k:<44} {v}" for k, v in stats.items()]
    return "\n".join(lines)


def main() -> None:
    org = OrgBuilder(_accounts())
    org.build()
    events = TrailBuilder(org).build()
    config = config_rows(org)
    check(org, events, config)
    write_all(org, events, config)
    print(summary(org, events, config))


if __name__ == "__main__":
    main()
