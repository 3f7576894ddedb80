-- How fresh the Config aggregator's data was when an audit read it: one row per source
-- (account, or organization, and region), from DescribeConfigurationAggregatorSourcesStatus.

create table aggregator_source (
    report_date     date                     not null,
    source_id       varchar(64)              not null,
    source_type     varchar(20)              not null,
    region          varchar(32)              not null,
    status          varchar(20)              not null,
    last_updated_at timestamp with time zone,
    error           varchar(2000),
    primary key (report_date, source_id, region)
);
