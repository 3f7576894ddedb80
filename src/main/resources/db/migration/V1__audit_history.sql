-- The audit history: one row per audit (report date), the users it saw, its accounts and
-- what it delivered. Portable SQL (H2 2.x and PostgreSQL 15+).

create table audit_run (
    report_date          date                     not null primary key,
    source               varchar(20)              not null,
    source_description   varchar(500)             not null,
    job_execution_id     bigint,
    status               varchar(40)              not null,
    started_at           timestamp with time zone not null,
    ended_at             timestamp with time zone,
    previous_report_date date,
    users                integer,
    accounts             integer,
    high_findings        integer,
    warnings             integer
);

create table audited_user (
    report_date            date                     not null,
    account_id             varchar(12)              not null,
    user_id                varchar(128)             not null,
    user_name              varchar(128)             not null,
    arn                    varchar(2048)            not null,
    path                   varchar(512)             not null,
    created_at             timestamp with time zone,
    regions                varchar(1000)            not null,
    tags                   varchar                  not null,
    group_names            varchar                  not null,
    attached_policies      varchar                  not null,
    inline_policies        varchar                  not null,
    owner                  varchar(1000),
    owner_source           varchar(200),
    creator                varchar(1000),
    creator_type           varchar(200),
    creator_kind           varchar(20),
    creator_detail         varchar(2000),
    activity_status        varchar(30),
    password_enabled       boolean,
    password_last_used     timestamp with time zone,
    mfa_active             boolean,
    access_key_1_active    boolean,
    access_key_1_last_rotated timestamp with time zone,
    access_key_1_last_used timestamp with time zone,
    access_key_2_active    boolean,
    access_key_2_last_rotated timestamp with time zone,
    access_key_2_last_used timestamp with time zone,
    last_activity          timestamp with time zone,
    days_inactive          integer,
    findings               varchar(1000)            not null default '',
    change                 varchar(20),
    change_detail          varchar(2000),
    inventory_notes        varchar(4000)            not null default '',
    enrichment_notes       varchar(4000)            not null default '',
    primary key (report_date, account_id, user_id)
);

create table account_status (
    report_date         date          not null,
    account_id          varchar(12)   not null,
    account_name        varchar(200)  not null,
    users               integer       not null,
    enriched            boolean       not null default false,
    fully_audited       boolean       not null default false,
    problems            varchar(4000) not null default '',
    root_mfa_active     boolean,
    root_active_keys    integer,
    credential_report_at timestamp with time zone,
    unmatched_report_users varchar not null default '',
    primary key (report_date, account_id)
);

create table rejected_row (
    report_date date          not null,
    row_number  bigint        not null,
    account_id  varchar(12),
    reason      varchar(1000) not null,
    excerpt     varchar(1000) not null,
    primary key (report_date, row_number)
);

create table api_calls (
    report_date date        not null,
    service     varchar(40) not null,
    account_id  varchar(12) not null,
    calls       integer     not null,
    primary key (report_date, service, account_id)
);

create table known_creator (
    account_id   varchar(12)   not null,
    user_id      varchar(128)  not null,
    creator      varchar(1000) not null,
    creator_type varchar(200)  not null,
    creator_kind varchar(20)   not null,
    detail       varchar(2000),
    source       varchar(40)   not null,
    event_time   timestamp with time zone,
    found_on     date          not null,
    primary key (account_id, user_id)
);

create table delivery (
    report_date  date                     not null,
    channel      varchar(20)              not null,
    item         varchar(1024)            not null,
    sha256       varchar(64),
    size_bytes   bigint,
    delivered_at timestamp with time zone not null,
    detail       varchar(2000)            not null default '',
    primary key (report_date, channel, item)
);
