#!/bin/sh
# Writes the seed corpora of tests/fuzz/corpus from the shipped example and tests/data
# (run from anywhere: sh tests/fuzz/make_corpus.sh path/to/mapa). The corpus is committed;
# run this again when a format changes.
set -e
mapa=${1:?usage: make_corpus.sh MAPA_BINARY}
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
out=$here/corpus
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
rm -rf "$out"
for t in members topics agencies actions interactions settings sweep edges teams cf partnership; do
    mkdir -p "$out/$t"
done

# seed FILE TARGET: one corpus file named after where it comes from
seed() {
    [ -f "$1" ] || return 0
    name=$(echo "${1#$root/}" | tr '/' '_')
    cp "$1" "$out/$2/$name"
}

for dir in "$root/scenarios/east-midlands" "$root"/tests/data/*/*; do
    [ -d "$dir" ] || continue
    seed "$dir/members.csv" members
    seed "$dir/topics.csv" topics
    seed "$dir/agencies.csv" agencies
    seed "$dir/actions.csv" actions
    seed "$dir/interactions.csv" interactions
    seed "$dir/settings.json" settings
    seed "$dir/interactions.csv" edges
    # the whole folder: its files one after the other, each ended by a line %%
    name=$(echo "${dir#$root/}" | tr '/' '_')
    for f in members.csv topics.csv agencies.csv settings.json interactions.csv actions.csv; do
        if [ -f "$dir/$f" ]; then cat "$dir/$f"; fi
        printf '\n%%%%\n'
    done >"$out/partnership/$name"
done
for f in "$root"/scenarios/sweeps/*.json "$root"/tests/data/sweeps/*.json "$root"/bench/sweeps/*.json; do
    seed "$f" sweep
done

# a saved plan of the example: teams.csv, critical_friends.csv and its network as edges
"$mapa" plan -q "$root/scenarios/east-midlands" -o "$tmp/plan" >/dev/null
cp "$tmp/plan/teams.csv" "$out/teams/east-midlands_teams.csv"
cp "$tmp/plan/critical_friends.csv" "$out/cf/east-midlands_critical_friends.csv"
printf 'from,to,weight,from_group,to_group\na,b,1,g1,g2\nb,c,2.5,g2,g1\nc,a,,g1,g1\n' >"$out/edges/groups.csv"
printf 'from,to\n"Ann, A",Bob\nBob,Cat\n' >"$out/edges/plain.csv"
printf 'member_id,team_id,spoc\n' >"$out/teams/header_only.csv"
printf 'member_id,reviewed_team,stages\n' >"$out/cf/header_only.csv"
echo "corpus: $(find "$out" -type f | wc -l) files in $out"
