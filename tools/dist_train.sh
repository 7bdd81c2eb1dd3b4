#!/usr/bin/env bash
# Distributed training with torchrun on one or more nodes.
#   bash tools/dist_train.sh CONFIG NUM_PROCS_PER_NODE [train.py options]
# Multi-node: set NNODES, NODE_RANK, MASTER_ADDR (and optionally PORT) on
# every node. Without CUDA the processes use a gloo group and CPU DDP.
set -euo pipefail
if [ $# -lt 2 ]; then
    echo "usage: $0 CONFIG NUM_PROCS [train.py options]" >&2
    exit 2
fi
CONFIG=$1
NPROCS=$2
shift 2
NNODES=${NNODES:-1}
NODE_RANK=${NODE_RANK:-0}
MASTER_ADDR=${MASTER_ADDR:-127.0.0.1}
if [ -z "${PORT:-}" ]; then
    # a free TCP port (single-node runs; multi-node jobs must agree on PORT)
    PORT=$(python -c 'import socket; s=socket.socket(); s.bind(("", 0)); print(s.getsockname()[1]); s.close()')
fi
DIR=$(cd "$(dirname "$0")/.." && pwd)
export OMP_NUM_THREADS=${OMP_NUM_THREADS:-$(python -c "import os; print(max(1, os.cpu_count() // $NPROCS))")}
PYTHONPATH="$DIR:${PYTHONPATH:-}" exec python -m torch.distributed.run \
    --nnodes="$NNODES" --node_rank="$NODE_RANK" \
    --master_addr="$MASTER_ADDR" --master_port="$PORT" \
    --nproc_per_node="$NPROCS" \
    "$DIR/tools/train.py" "$CONFIG" --launcher pytorch "$@"
