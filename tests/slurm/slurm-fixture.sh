#!/usr/bin/env bash
# One-node Slurm cluster for tests: a private munged + slurmctld + slurmd, all state in DIR.
#
#   tests/slurm/slurm-fixture.sh start  DIR   start (stops a fixture already running in DIR first);
#                                             prints "export SLURM_CONF=DIR/slurm.conf" on stdout
#   tests/slurm/slurm-fixture.sh stop   DIR   cancel all jobs, stop the daemons it started (by pid file)
#   tests/slurm/slurm-fixture.sh status DIR   say what runs
#
#   eval "$(tests/slurm/slurm-fixture.sh start "$DIR")"; sbatch ...; tests/slurm/slurm-fixture.sh stop "$DIR"
#
# Needs the Debian packages slurm-wlm and munge (packaging/install-deps.sh installs them).
# Never touches /etc/slurm, /etc/munge or the system munge/slurm services: everything (config,
# munge key and socket, state, spool, logs, pid files) lives in DIR, and the TCP ports are picked
# free at start. Runs as root (CI) or as an ordinary user (SlurmUser = SlurmdUser = that user;
# jobs can then only run as that user).
#
# Environment:
#   SLURM_FIXTURE_CPUS      CPUs of the node (default 2, whatever the machine has: the node is
#                           configured with SlurmdParameters=config_overrides, so tests see the
#                           same 2-CPU node on a 1-core runner and on a 64-core workstation)
#   SLURM_FIXTURE_TIMEOUT   seconds to wait for the node to become idle (default 60)
#   SLURM_FIXTURE_MIN_JOB_AGE  MinJobAge: seconds a finished job stays visible to squeue -t all /
#                           scontrol show job (default 300, Slurm's default; 0 = never purge)
#   SLURM_FIXTURE_PROCTRACK proctrack/linuxproc (default: tracks the process tree; a child that
#                           outlives the batch script after TERM is orphaned and not killed until
#                           "stop") or proctrack/pgid (tracks the process group: the job stays
#                           COMPLETING until every member is gone, KILL after KillWait, like a
#                           cgroup cluster; a child that calls setsid/setpgid escapes)
set -euo pipefail

PROG=slurm-fixture
die() { echo "$PROG: $*" >&2; exit 1; }
log() { echo "$PROG: $*" >&2; }

usage() {
  sed -n '2,8p' "$0" | sed 's/^# \{0,1\}//' >&2
  exit 2
}

[[ $# -eq 2 ]] || usage
CMD=$1
DIR=$2
[[ -n "$DIR" ]] || usage
DIR=$(realpath -m -- "$DIR")
# slurm.conf has no quoting for paths with blanks.
[[ "$DIR" =~ ^[A-Za-z0-9_./+-]+$ ]] || die "DIR must be a path without blanks or special characters: '$DIR'"

CONF="$DIR/slurm.conf"
RUN="$DIR/run"
LOGS="$DIR/log"
MUNGE_DIR="$DIR/munge"
MUNGE_SOCKET="$MUNGE_DIR/munge.socket"
CPUS=${SLURM_FIXTURE_CPUS:-2}
TIMEOUT=${SLURM_FIXTURE_TIMEOUT:-60}
MIN_JOB_AGE=${SLURM_FIXTURE_MIN_JOB_AGE:-300}
PROCTRACK=${SLURM_FIXTURE_PROCTRACK:-proctrack/linuxproc}
[[ "$PROCTRACK" == proctrack/linuxproc || "$PROCTRACK" == proctrack/pgid ]] ||
  die "SLURM_FIXTURE_PROCTRACK must be proctrack/linuxproc or proctrack/pgid"
[[ "$CPUS" =~ ^[1-9][0-9]*$ && "$TIMEOUT" =~ ^[1-9][0-9]*$ && "$MIN_JOB_AGE" =~ ^[0-9]+$ ]] ||
  die "SLURM_FIXTURE_CPUS, SLURM_FIXTURE_TIMEOUT and SLURM_FIXTURE_MIN_JOB_AGE must be numbers"

# pid_of NAME: the pid from RUN/NAME.pid when that process is alive and really is NAME
# (guards against pid reuse); empty otherwise.
pid_of() {
  local name=$1 f="$RUN/$1.pid" pid comm
  [[ -s "$f" ]] || return 0
  pid=$(tr -dc '0-9' <"$f")
  [[ -n "$pid" ]] || return 0
  comm=$(cat "/proc/$pid/comm" 2>/dev/null) || return 0
  [[ "$comm" == "$name" ]] && alive "$pid" && echo "$pid"
  return 0
}

# alive PID: the process exists and is not a zombie (daemons are reparented to PID 1, which in
# some containers reaps late or never).
alive() {
  local st
  st=$(awk '/^State:/ { print $2 }' "/proc/$1/status" 2>/dev/null || true)
  [[ -n "$st" && "$st" != Z ]]
}

# wait_gone PID SECONDS: 0 when the process ended in time.
wait_gone() {
  local pid=$1 n=$(( $2 * 10 ))
  while (( n-- > 0 )); do
    alive "$pid" || return 0
    sleep 0.1
  done
  ! alive "$pid"
}

stop_daemon() {
  local name=$1 pid
  pid=$(pid_of "$name")
  if [[ -z "$pid" ]]; then
    rm -f "$RUN/$name.pid"
    return 0
  fi
  kill -TERM "$pid" 2>/dev/null || true
  if ! wait_gone "$pid" 15; then
    log "$name ($pid) did not stop on TERM within 15 s; sending KILL"
    kill -KILL "$pid" 2>/dev/null || true
    wait_gone "$pid" 5 || log "$name ($pid) survived KILL"
  fi
  rm -f "$RUN/$name.pid"
}

# Pids of processes that belong to this fixture's jobs: the slurmstepd processes (they inherit
# SLURM_CONF=<our conf> from slurmd, which this script starts with it) and the job processes
# (slurmd puts SLURM_CONF and SLURM_JOB_ID into their environment). A caller's shell that merely
# exported SLURM_CONF has no SLURM_JOB_ID and is not matched; this script and its ancestors never are.
job_pids() {
  local p pid comm e ours jobenv
  local -a env
  local -A mine=()
  pid=$$
  while [[ -n "$pid" && "$pid" != 0 ]]; do
    mine[$pid]=1
    pid=$(awk '/^PPid:/ { print $2 }' "/proc/$pid/status" 2>/dev/null || true)
  done
  for p in /proc/[0-9]*; do   # bash builtins only: no fork per process
    pid=${p#/proc/}
    [[ -z "${mine[$pid]:-}" ]] || continue
    { mapfile -d '' -t env <"$p/environ"; } 2>/dev/null || continue
    ours="" jobenv=""
    for e in "${env[@]}"; do
      [[ "$e" == "SLURM_CONF=$CONF" ]] && ours=1
      [[ "$e" == SLURM_JOB_ID=* ]] && jobenv=1
    done
    [[ -n "$ours" ]] || continue
    comm=""
    { read -r comm <"$p/comm"; } 2>/dev/null || true
    if [[ "$comm" == slurmstepd || -n "$jobenv" ]]; then
      echo "$pid"
    fi
  done
}

client() { SLURM_CONF="$CONF" "$@"; }

do_stop() {
  local ids pids left i
  if [[ -n "$(pid_of slurmctld)" ]]; then
    # Cancel every job while the controller is up, so slurmd kills the job processes
    # (TERM, then KILL after KillWait).
    ids=$(client squeue -h -o '%F' 2>/dev/null | sort -u | tr '\n' ' ' || true)
    if [[ -n "${ids// /}" ]]; then
      # shellcheck disable=SC2086
      client scancel $ids 2>/dev/null || true
      for (( i = 0; i < 150; i++ )); do
        [[ -z "$(client squeue -h -o '%i' 2>/dev/null || true)" ]] && break
        sleep 0.1
      done
    fi
  fi
  stop_daemon slurmd
  stop_daemon slurmctld
  # Job processes left over (jobs cancelled above should be gone already; proctrack/linuxproc
  # does not kill jobs when slurmd goes away).
  pids=$(job_pids)
  if [[ -n "$pids" ]]; then
    log "killing leftover job processes: ${pids//$'\n'/ }"
    # shellcheck disable=SC2086
    kill -TERM $pids 2>/dev/null || true
    for (( i = 0; i < 50; i++ )); do   # KillWait-like grace
      left=$(job_pids)
      [[ -n "$left" ]] || break
      sleep 0.1
    done
    # shellcheck disable=SC2086
    [[ -z "$left" ]] || kill -KILL $left 2>/dev/null || true
  fi
  stop_daemon munged
}

do_status() {
  local name pid rc=0
  for name in munged slurmctld slurmd; do
    pid=$(pid_of "$name")
    if [[ -n "$pid" ]]; then echo "$name: running (pid $pid)"; else echo "$name: stopped"; rc=3; fi
  done
  if [[ -n "$(pid_of slurmctld)" ]]; then
    client sinfo -N -o '%N %t %c' || true
    client squeue || true
  fi
  return $rc
}

fixture_running() {
  [[ -n "$(pid_of munged)$(pid_of slurmctld)$(pid_of slurmd)" ]]
}

# Two distinct TCP ports nobody uses: below the kernel's ephemeral range (so no outgoing
# connection takes them meanwhile), not Slurm's defaults 6817-6819, and absent from
# /proc/net/tcp{,6} in any state. Pure bash/awk: no python, no ss.
pick_ports() {
  local lo cap port tries=0 h
  local -A busy=()
  read -r lo _ </proc/sys/net/ipv4/ip_local_port_range 2>/dev/null || lo=32768
  cap=$(( lo - 1 )); (( cap > 10000 + 1000 )) || cap=30999
  while read -r h; do
    [[ "$h" =~ ^[0-9A-Fa-f]+$ ]] && busy[$((16#$h))]=1
  done < <(awk 'FNR > 1 { n = split($2, a, ":"); print a[n] }' /proc/net/tcp /proc/net/tcp6 2>/dev/null || true)
  busy[6817]=1; busy[6818]=1; busy[6819]=1
  local picked=()
  while (( ${#picked[@]} < 2 )); do
    (( tries++ < 1000 )) || die "no free TCP port found in 10000-$cap"
    port=$(( 10000 + (RANDOM * 32768 + RANDOM) % (cap - 10000) ))
    [[ -n "${busy[$port]:-}" ]] && continue
    busy[$port]=1
    picked+=("$port")
  done
  echo "${picked[@]}"
}

log_tail() {
  local f
  for f in "$LOGS"/munged.log "$LOGS"/slurmctld.log "$LOGS"/slurmd.log; do
    [[ -s "$f" ]] || continue
    echo "---- tail $f" >&2
    tail -n 20 "$f" >&2
  done
}

fail_start() {
  log "$*"
  log_tail
  do_stop || true
  exit 1
}

do_start() {
  local missing=() c user node ports ctld_port slurmd_port i state
  for c in munged munge slurmctld slurmd sinfo squeue sbatch scancel scontrol; do
    command -v "$c" >/dev/null 2>&1 || missing+=("$c")
  done
  [[ ${#missing[@]} -eq 0 ]] ||
    die "missing ${missing[*]}: install the Debian packages slurm-wlm and munge (packaging/install-deps.sh does)"

  if is_fixture_dir && fixture_running; then
    log "a fixture is already running in $DIR; stopping it first"
    do_stop
  fi

  user=$(id -un)
  # The node is this host (slurmd is started with -N, so an odd hostname only changes the name).
  node=$(uname -n); node=${node%%.*}
  [[ "$node" =~ ^[A-Za-z0-9-]{1,40}$ ]] || node=localnode

  # Unix socket paths must fit in sun_path (108 bytes): munged's socket, and slurmstepd's
  # step sockets DIR/spool/<node>_<jobid>.<stepid> (job and step ids up to 10 digits each).
  local longest=$(( ${#DIR} + ${#node} + 29 ))
  (( ${#MUNGE_SOCKET} > longest )) && longest=${#MUNGE_SOCKET}
  (( longest <= 107 )) ||
    die "DIR is too long for Slurm's and munge's Unix sockets (limit 107 bytes, would need $longest): use a shorter DIR, e.g. \$(mktemp -d /tmp/slurm-XXXXXX)"

  # Start wipes DIR's run/ log/ munge/ state/ spool/ tmp/: only in a new or empty folder or in
  # one this script made (marker file), never in a folder that happens to exist (DIR=/, a typo).
  if [[ -d "$DIR" && ! -e "$DIR/.slurm-fixture" && -n "$(ls -A "$DIR")" ]]; then
    die "$DIR exists, is not empty and was not made by $PROG: give a new or empty folder"
  fi
  mkdir -p "$DIR"
  : >"$DIR/.slurm-fixture"
  # Fresh state every start: old job records or node state must not leak into a new test run.
  rm -rf "$RUN" "$LOGS" "$MUNGE_DIR" "$DIR/state" "$DIR/spool" "$DIR/tmp"
  mkdir -p "$RUN" "$LOGS" "$DIR/state" "$DIR/spool" "$DIR/tmp"
  # munged wants the socket directory searchable by all (clients of any user connect to it)
  # and warns about group/world-writable directories on its paths.
  mkdir -m 0755 "$MUNGE_DIR"
  chmod go-w "$DIR" "$RUN" "$LOGS"

  # --- munge ------------------------------------------------------------------------------
  ( umask 077; dd if=/dev/urandom of="$MUNGE_DIR/munge.key" bs=1024 count=1 status=none )
  chmod 0400 "$MUNGE_DIR/munge.key"
  # --force: run even when a directory above DIR is group/world-writable without the sticky bit
  # (munged refuses that otherwise: "Logfile is insecure: world-writable permissions ...").
  munged --force \
         --key-file="$MUNGE_DIR/munge.key" \
         --socket="$MUNGE_SOCKET" \
         --pid-file="$RUN/munged.pid" \
         --log-file="$LOGS/munged.log" \
         --seed-file="$MUNGE_DIR/munged.seed" \
         --num-threads=2 2>"$LOGS/munged.stderr" ||
    fail_start "munged failed to start: $(cat "$LOGS/munged.stderr")"
  for (( i = 0; i < 100; i++ )); do
    munge -n -S "$MUNGE_SOCKET" 2>/dev/null | unmunge -S "$MUNGE_SOCKET" >/dev/null 2>&1 && break
    sleep 0.1
  done
  (( i < 100 )) || fail_start "munged does not answer on $MUNGE_SOCKET"

  # --- slurm.conf -------------------------------------------------------------------------
  ports=$(pick_ports)
  ctld_port=${ports%% *}
  slurmd_port=${ports##* }
  : >"$DIR/plugstack.conf"   # no SPANK plugins (the default would read /etc/slurm/plugstack.conf)
  cat >"$CONF" <<EOF
# One-node test cluster written by tests/slurm/slurm-fixture.sh; everything lives in $DIR.
ClusterName=fixture
# "localhost" is accepted by slurmctld on any host, whatever the machine's hostname is.
SlurmctldHost=localhost(127.0.0.1)
SlurmctldPort=$ctld_port
SlurmdPort=$slurmd_port
SlurmUser=$user
SlurmdUser=$user

AuthType=auth/munge
CredType=cred/munge
AuthInfo=socket=$MUNGE_SOCKET

StateSaveLocation=$DIR/state
SlurmdSpoolDir=$DIR/spool
TmpFS=$DIR/tmp
SlurmctldPidFile=$RUN/slurmctld.pid
SlurmdPidFile=$RUN/slurmd.pid
SlurmctldLogFile=$LOGS/slurmctld.log
SlurmdLogFile=$LOGS/slurmd.log
SlurmctldDebug=info
SlurmdDebug=info
PlugStackConfig=$DIR/plugstack.conf
MailProg=/bin/true

# No cgroups (containers, CI): /proc process tracking, no task binding, no job accounting.
ProctrackType=$PROCTRACK
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
# Finished jobs, one line each (JobId, State, ExitCode...), kept after MinJobAge purges them.
JobCompType=jobcomp/filetxt
JobCompLoc=$LOGS/jobcomp.txt
MpiDefault=none
SwitchType=switch/none

SelectType=select/cons_tres
SelectTypeParameters=CR_CPU
SchedulerType=sched/backfill
# Schedule at once on submit/job end (defaults batch at up to 3 s and throttle), test latency matters.
SchedulerParameters=batch_sched_delay=0,sched_min_interval=0,bf_interval=5
ReturnToService=2
# Short TERM->KILL grace so scancel and stop finish fast.
KillWait=5
# Finished jobs stay visible to squeue -t all / scontrol show job at least this long.
MinJobAge=$MIN_JOB_AGE
InactiveLimit=0
SlurmdTimeout=300
MessageTimeout=10
# The node has the configured CPUs whatever the machine has (see SLURM_FIXTURE_CPUS).
SlurmdParameters=config_overrides

NodeName=$node NodeHostname=$node NodeAddr=127.0.0.1 CPUs=$CPUS State=UNKNOWN
PartitionName=debug Nodes=$node Default=YES MaxTime=INFINITE State=UP
EOF

  # --- slurmctld, slurmd ------------------------------------------------------------------
  export SLURM_CONF="$CONF"
  slurmctld -f "$CONF" 2>"$LOGS/slurmctld.stderr" ||
    fail_start "slurmctld failed to start: $(cat "$LOGS/slurmctld.stderr")"
  slurmd -f "$CONF" -N "$node" 2>"$LOGS/slurmd.stderr" ||
    fail_start "slurmd failed to start: $(cat "$LOGS/slurmd.stderr")"

  for (( i = 0; i < TIMEOUT * 5; i++ )); do
    state=$(sinfo -h -n "$node" -o '%t' 2>/dev/null || true)
    [[ "$state" == idle ]] && break
    [[ -n "$(pid_of slurmctld)" ]] || (( i < 10 )) || fail_start "slurmctld died"
    [[ -n "$(pid_of slurmd)" ]] || (( i < 10 )) || fail_start "slurmd died"
    sleep 0.2
  done
  [[ "$state" == idle ]] ||
    fail_start "node $node not idle after ${TIMEOUT}s (sinfo state: '${state:-none}')"
  log "one-node cluster up in $DIR (node $node, $CPUS CPUs, ports $ctld_port/$slurmd_port)"
  echo "export SLURM_CONF=$CONF"
}

# stop and status act on pid files in DIR/run only when DIR is a fixture folder: "stop /"
# must not read /run/slurmctld.pid of a system Slurm.
is_fixture_dir() { [[ -e "$DIR/.slurm-fixture" ]]; }

case "$CMD" in
  start) do_start ;;
  stop)
    if is_fixture_dir; then do_stop; else log "$DIR is not a $PROG folder; nothing to stop"; fi ;;
  status)
    if is_fixture_dir; then do_status; else echo "$DIR is not a $PROG folder"; exit 3; fi ;;
  *) usage ;;
esac
