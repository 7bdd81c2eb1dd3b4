#!/usr/bin/env bash
# CI smoke tests at the shell level (the pytest suite checks the same
# things in finer detail):
#  1. a 2-process CPU run of tools/dist_train.sh (torchrun + gloo + DDP);
#  2. save -> kill -9 -> --resume auto finishes the run.
set -euo pipefail
cd "$(dirname "$0")/.."
CFG=tests/data/configs/tiny_supervised_nw_ucla.py
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

echo "== smoke: 2-process CPU dist_train.sh"
bash tools/dist_train.sh "$CFG" 2 --work-dir "$WORK/dist" \
    --cfg-options train_cfg.max_epochs=1 > "$WORK/dist.log" 2>&1 \
    || { tail -50 "$WORK/dist.log"; exit 1; }
grep -q "Distributed training: True" "$WORK/dist.log"
test -f "$WORK/dist/epoch_1.pth"
echo "ok: dist_train with 2 processes"

echo "== smoke: save -> kill -9 -> --resume auto"
python tools/train.py "$CFG" --work-dir "$WORK/resume" \
    --cfg-options train_cfg.max_epochs=6 > "$WORK/first.log" 2>&1 &
PID=$!
for _ in $(seq 1 600); do
    [ -f "$WORK/resume/epoch_1.pth" ] && break
    kill -0 "$PID" 2>/dev/null || break
    sleep 0.1
done
test -f "$WORK/resume/epoch_1.pth" || { tail -50 "$WORK/first.log"; exit 1; }
kill -9 "$PID" 2>/dev/null || true
wait "$PID" 2>/dev/null || true
test ! -f "$WORK/resume/epoch_6.pth" || { echo "run finished before kill"; exit 1; }
python tools/train.py "$CFG" --work-dir "$WORK/resume" --resume \
    --cfg-options train_cfg.max_epochs=6 > "$WORK/second.log" 2>&1 \
    || { tail -50 "$WORK/second.log"; exit 1; }
grep -q "Auto resumed from the latest checkpoint" "$WORK/second.log"
test -f "$WORK/resume/epoch_6.pth"
echo "ok: killed run resumed and finished"
