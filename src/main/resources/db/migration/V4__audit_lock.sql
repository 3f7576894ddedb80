-- One audit at a time per history database, across processes and hosts: a run holds this
-- row locked (select ... for update) in an open transaction for as long as it runs, so a
-- killed process releases it with its connection.

create table audit_lock (
    name varchar(32) primary key
);

insert into audit_lock (name) values ('audit');
