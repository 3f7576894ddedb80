#!/usr/bin/env bash
#
# run-audit.sh - scheduling wrapper around the iam-user-audit job.
#
# Loads an env file, computes reportDate (UTC), optionally skips odd ISO weeks,
# refuses to overlap with a running audit (flock), writes the job's output to a
# dated log file, prunes old logs and returns the job's exit code unchanged.
# See cron/README.md for installation, variables and exit codes.

set -euo pipefail

readonly PROG=${0##*/}

# Exit codes of the wrapper itself. The job's own are 0 completed, 1 failed,
# 2 invalid configuration or usage, 3 completed with warnings, and are passed
# through unchanged. The wrapper reuses 2 for its own usage/configuration errors
# (same meaning: fix the setup, a retry will not help) and returns 75 (EX_TEMPFAIL)
# when another run holds the lock, as the job does when another audit holds the
# history database's. A week skipped by --if-audit-week exits 0: it
# is the schedule working as intended, not an error.
readonly EX_USAGE=2
readonly EX_TEMPFAIL=75

usage() {
  cat <<EOF
Usage: $PROG [--if-audit-week] [--report-date YYYY-MM-DD] [-- JOB_ARGS...]

Runs the iam-user-audit job once with reportDate=<date> and returns its exit code.

Options:
  --if-audit-week           run only when the ISO week number (UTC) is even, otherwise
                            print "not an audit week" and exit 0 (bi-weekly from a weekly
                            cron entry or systemd timer)
  --report-date YYYY-MM-DD  audit date (default: today in UTC)
  -h, --help                show this help
  --                        everything after it is passed to the job, e.g.
                            -- --audit.source=sample

Environment (defaults in brackets; see cron/README.md):
  IAM_USER_AUDIT_ENV                 env file to load [/etc/iam-user-audit/iam-user-audit.env if present]
  IAM_USER_AUDIT_HOME                working directory of the job [directory above this script]
  IAM_USER_AUDIT_JAR                 [\$IAM_USER_AUDIT_HOME/target/iam-user-audit.jar]
  JAVA, JAVA_OPTS                    [java] [-Xmx1g -XX:TieredStopAtLevel=1]
  IAM_USER_AUDIT_ARGS                extra job arguments, split on whitespace
  IAM_USER_AUDIT_COMMAND             replaces "\$JAVA \$JAVA_OPTS -jar \$IAM_USER_AUDIT_JAR"
  IAM_USER_AUDIT_LOG_DIR             [\$IAM_USER_AUDIT_HOME/logs]
  IAM_USER_AUDIT_LOG_RETENTION_DAYS  delete logs older than this, 0 keeps all [90]
  IAM_USER_AUDIT_LOCK_FILE           [\$IAM_USER_AUDIT_LOG_DIR/.run-audit.lock]

Exit codes: the job's own (0 completed, 1 failed, 2 invalid configuration or usage,
3 completed with warnings); 2 also for errors of this wrapper's usage or setup;
75 another run holds the lock (this wrapper's, or the job's on the history
database); 0 with "not an audit week" when skipped.
EOF
}

die() {
  local code=$1
  shift
  printf '%s: %s\n' "$PROG" "$*" >&2
  exit "$code"
}

usage_error() {
  printf '%s: %s\n' "$PROG" "$*" >&2
  usage >&2
  exit "$EX_USAGE"
}

utc_now() {
  date -u +%Y-%m-%dT%H:%M:%SZ
}

is_valid_date() {
  [[ $1 =~ ^[0-9]{4}-[0-9]{2}-[0-9]{2}$ ]] &&
    [[ $(date -u -d "$1" +%F 2>/dev/null) == "$1" ]]
}

describe_exit_code() {
  case $1 in
    0) echo "completed" ;;
    1) echo "failed" ;;
    2) echo "invalid configuration or usage" ;;
    3) echo "completed with warnings" ;;
    75) echo "another audit is running" ;;
    126 | 127) echo "could not start the job command" ;;
    *)
      if (($1 > 128)); then
        echo "killed by signal $(($1 - 128))"
      else
        echo "unexpected exit code"
      fi
      ;;
  esac
}

# --- arguments ---------------------------------------------------------------

if_audit_week=false
report_date=
report_date_given=false
job_extra_args=()
while (($# > 0)); do
  case $1 in
    -h | --help)
      usage
      exit 0
      ;;
    --if-audit-week)
      if_audit_week=true
      ;;
    --report-date)
      (($# >= 2)) || usage_error "--report-date needs a value (YYYY-MM-DD)"
      report_date=$2
      report_date_given=true
      shift
      ;;
    --report-date=*)
      report_date=${1#--report-date=}
      report_date_given=true
      ;;
    --)
      shift
      job_extra_args=("$@")
      break
      ;;
    *)
      usage_error "unexpected argument '$1' (job arguments go after --)"
      ;;
  esac
  shift
done

if [[ $report_date_given == true ]] && ! is_valid_date "$report_date"; then
  usage_error "invalid --report-date '$report_date' (expected a real date as YYYY-MM-DD)"
fi
for arg in "${job_extra_args[@]}"; do
  if [[ $arg == reportDate=* ]]; then
    usage_error "pass the date as --report-date, not as '$arg' after --"
  fi
done

# --- environment ----------------------------------------------------------------

# An explicitly named env file must exist; the default one is optional.
# IAM_USER_AUDIT_ENV=/dev/null loads nothing.
env_file=${IAM_USER_AUDIT_ENV:-/etc/iam-user-audit/iam-user-audit.env}
if [[ -n ${IAM_USER_AUDIT_ENV:-} && ! -r $IAM_USER_AUDIT_ENV ]]; then
  die "$EX_USAGE" "env file '$IAM_USER_AUDIT_ENV' (IAM_USER_AUDIT_ENV) does not exist or is not readable"
fi
if [[ -r $env_file ]]; then
  set -a
  # shellcheck source=/dev/null
  if ! source "$env_file"; then
    die "$EX_USAGE" "could not load env file '$env_file'"
  fi
  set +a
fi

# Relative paths are taken from the caller's directory; the job itself runs in
# IAM_USER_AUDIT_HOME, so every path is made absolute before changing into it.
absolute() {
  if [[ $1 == /* ]]; then echo "$1"; else echo "$PWD/$1"; fi
}

# readlink -f: a symlink to this script (e.g. in /usr/local/bin) still finds the home.
script_dir=$(dirname -- "$(readlink -f -- "${BASH_SOURCE[0]}")")
home_dir=${IAM_USER_AUDIT_HOME:-$(dirname -- "$script_dir")}
[[ -d $home_dir ]] || die "$EX_USAGE" "IAM_USER_AUDIT_HOME '$home_dir' is not a directory"
home_dir=$(cd -- "$home_dir" && pwd -P)
jar=$(absolute "${IAM_USER_AUDIT_JAR:-$home_dir/target/iam-user-audit.jar}")
java_cmd=${JAVA:-java}
# Only an unset JAVA_OPTS gets the default; JAVA_OPTS= (empty) passes no options.
# TieredStopAtLevel=1: the audit runs for minutes; the C2 compiler would spend more CPU
# than it saves (docs/benchmarks.md).
java_opts=${JAVA_OPTS--Xmx1g -XX:TieredStopAtLevel=1}
log_dir=$(absolute "${IAM_USER_AUDIT_LOG_DIR:-$home_dir/logs}")
retention_days=${IAM_USER_AUDIT_LOG_RETENTION_DAYS:-90}
lock_file=$(absolute "${IAM_USER_AUDIT_LOCK_FILE:-$log_dir/.run-audit.lock}")

[[ $retention_days =~ ^[0-9]+$ ]] ||
  die "$EX_USAGE" "IAM_USER_AUDIT_LOG_RETENTION_DAYS must be a whole number of days, got '$retention_days'"

# Plain whitespace splitting, no quotes or globs: values with spaces belong after --
# (or in the job's own configuration). For anything fancier, point
# IAM_USER_AUDIT_COMMAND at a small script.
read -r -a config_args <<<"${IAM_USER_AUDIT_ARGS:-}"
if [[ -n ${IAM_USER_AUDIT_COMMAND:-} ]]; then
  read -r -a job_cmd <<<"$IAM_USER_AUDIT_COMMAND"
else
  [[ -r $jar ]] || die "$EX_USAGE" "job jar '$jar' not found (build it with ./mvnw package or set IAM_USER_AUDIT_JAR)"
  command -v -- "$java_cmd" >/dev/null || die "$EX_USAGE" "java command '$java_cmd' not found (set JAVA)"
  read -r -a java_opt_words <<<"$java_opts"
  job_cmd=("$java_cmd" "${java_opt_words[@]}" -jar "$jar")
fi

# --- bi-weekly guard ------------------------------------------------------------

# Neither cron nor systemd timers can say "every two weeks": both fire every Monday
# and this guard lets only even ISO weeks through (date +%V, UTC, the same number on
# every host). Years with an ISO week 53 have two odd weeks in a row (53, then 1),
# so once every five to six years the gap is three weeks instead of two; that is
# accepted rather than keeping state between runs.
# IAM_USER_AUDIT_ISO_WEEK overrides the week number, for tests only.
if [[ $if_audit_week == true ]]; then
  iso_week=${IAM_USER_AUDIT_ISO_WEEK:-$(date -u +%V)}
  # 10# because date prints weeks 01-09 with a leading zero (08 is not octal).
  if [[ ! $iso_week =~ ^[0-9]{1,2}$ ]] || ((10#$iso_week < 1 || 10#$iso_week > 53)); then
    die "$EX_USAGE" "invalid ISO week number '$iso_week' (IAM_USER_AUDIT_ISO_WEEK)"
  fi
  if ((10#$iso_week % 2 != 0)); then
    echo "$PROG: not an audit week (ISO week $iso_week is odd); nothing to do"
    exit 0
  fi
fi

# --- lock, log, run -------------------------------------------------------------

report_date=${report_date:-$(date -u +%F)}

mkdir -p -- "$log_dir" "$(dirname -- "$lock_file")" ||
  die "$EX_USAGE" "cannot create log directory '$log_dir'"

# The job inherits descriptor 9, so the lock lasts as long as the job itself, even
# if this wrapper is killed first.
exec 9>>"$lock_file" || die "$EX_USAGE" "cannot open lock file '$lock_file'"
if ! flock -n 9; then
  echo "$PROG: another audit run holds $lock_file; not starting" >&2
  exit "$EX_TEMPFAIL"
fi

if ((retention_days > 0)); then
  find "$log_dir" -maxdepth 1 -type f -name 'iam-user-audit-*.log' -mtime +"$retention_days" -delete ||
    echo "$PROG: warning: could not prune old logs in $log_dir" >&2
fi

log_file=$log_dir/iam-user-audit-$report_date-$(date -u +%Y%m%dT%H%M%SZ).log
job_args=("reportDate=$report_date" "${config_args[@]}" "${job_extra_args[@]}")

cd -- "$home_dir"
{
  echo "# $(utc_now) $PROG: starting iam-user-audit reportDate=$report_date in $home_dir"
  printf '# command:'
  for word in "${job_cmd[@]}" "${job_args[@]}"; do
    # Keep secrets out of the log (better: pass them as env vars): --x.password=…,
    # -Dx.secret=…, -e X_TOKEN=…, and URLs with ?password=… in their value.
    if [[ ${word,,} =~ (password|passwd|secret|token|credential)[^=]*= ]]; then
      word="${word%%=*}=REDACTED"
    fi
    printf ' %q' "$word"
  done
  printf '\n'
} >>"$log_file" || die "$EX_USAGE" "cannot write log file '$log_file'"
echo "$(utc_now) $PROG: starting audit reportDate=$report_date (log: $log_file)"

started=$SECONDS
# Run in the background and wait, so that TERM/INT/HUP sent to the wrapper (systemctl
# stop, Ctrl-C, kill) reach the job and the end line below is still written.
"${job_cmd[@]}" "${job_args[@]}" >>"$log_file" 2>&1 &
job_pid=$!
trap 'kill -TERM "$job_pid" 2>/dev/null || true' TERM INT HUP
status=0
wait "$job_pid" || status=$?
# wait returns early (status > 128) when a trapped signal arrives: wait for the job's
# real exit status.
while kill -0 "$job_pid" 2>/dev/null; do
  status=0
  wait "$job_pid" || status=$?
done
trap - TERM INT HUP

outcome=$(describe_exit_code "$status")
echo "# $(utc_now) $PROG: exit code $status ($outcome)" >>"$log_file" || true
echo "$(utc_now) $PROG: audit reportDate=$report_date finished with exit code $status ($outcome) after $((SECONDS - started))s (log: $log_file)"
if ((status != 0)); then
  {
    echo "$PROG: last lines of $log_file:"
    tail -n 20 -- "$log_file"
  } >&2 || true
fi
exit "$status"
