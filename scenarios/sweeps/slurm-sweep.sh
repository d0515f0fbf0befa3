#!/bin/sh
# A sweep over a Slurm cluster: sbatch scenarios/sweeps/slurm-sweep.sh SWEEP.json RESULTS.h5
# (docs/sweeps.md). Rank 0 hands out units and writes RESULTS.h5; every other rank runs
# units, so 64 tasks give 63 workers. Resubmitting the same job resumes the file; raising
# "replicates" or adding grid values and resubmitting runs only the new units.
#
# RESULTS.h5 must be on a file system rank 0's node can write (any node is fine: only rank 0
# opens it). The sweep file must be readable on every node (a shared home or scratch).
#SBATCH --job-name=mapa-sweep
#SBATCH --ntasks=64
#SBATCH --cpus-per-task=1
#SBATCH --mem-per-cpu=1G
#SBATCH --time=02:00:00
# Slurm sends SIGTERM at the time limit (and on scancel) and SIGKILL --signal's grace later:
# rank 0 closes the file after the unit it is writing, so the next job resumes it.
#SBATCH --signal=TERM@60
#SBATCH --output=mapa-sweep-%j.out

set -eu
sweep=${1:?usage: sbatch slurm-sweep.sh SWEEP.json RESULTS.h5}
results=${2:?usage: sbatch slurm-sweep.sh SWEEP.json RESULTS.h5}

# Open MPI's mpirun reads the allocation from Slurm (no hostfile needed); srun --mpi=pmix
# works too where Slurm is built with PMIx.
module load openmpi 2>/dev/null || true
mpirun mapa sweep "$sweep" -o "$results"
