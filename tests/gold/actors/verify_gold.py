"""Check the hand-made actor gold files (standalone; reads no extractor code).

Usage: python3 tests/gold/actors/verify_gold.py
Checks, for every gold JSON under tests/gold/actors/ (against
/work/shared/corpus/articles/<stem>.txt) and tests/unseen/actors/ (against the
sibling <stem>.txt):
  * text[char_start:char_end] == surface
  * list sorted by char_start, spans non-empty and non-overlapping
  * actor_id is a seed id or "new:<snake_case>"
  * actor_type / side in the allowed sets, armed_political is a bool
  * one (actor_type, side, armed_political) per actor_id across all files
and prints per-file mention counts and distinct actors.
"""
import glob, json, os, re, sys
from collections import defaultdict

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, '..', '..', '..'))
SEED = os.path.join(ROOT, 'src', 'syria_events', 'data', 'actor_ids_seed.txt')
CORPUS = '/work/shared/corpus/articles'
UNSEEN = os.path.join(ROOT, 'tests', 'unseen', 'actors')

TYPES = {'state_forces', 'state_security', 'government', 'state_official', 'rebel_group',
         'rebel_coalition', 'local_armed_group', 'militia', 'foreign_state', 'foreign_forces',
         'foreign_official', 'international_coalition', 'jihadist_group', 'media', 'civilians', 'person'}
SIDES = {'government', 'opposition', 'sdf', 'foreign', 'isis', 'media', 'civilian', 'neutral'}
KEYS = {'surface', 'char_start', 'char_end', 'actor_id', 'actor_type', 'side', 'armed_political'}


def seed_ids():
    ids = set()
    for line in open(SEED, encoding='utf-8'):
        line = line.strip()
        if line and not line.startswith('#'):
            ids.add(line.split('|')[0].strip())
    return ids


def main():
    ids = seed_ids()
    errors = []
    props = defaultdict(set)
    pairs = [(p, os.path.join(CORPUS, os.path.basename(p)[:-5] + '.txt'))
             for p in sorted(glob.glob(os.path.join(HERE, '*.json')))]
    pairs += [(p, p[:-5] + '.txt') for p in sorted(glob.glob(os.path.join(UNSEEN, '*.json')))]
    for gp, tp in pairs:
        text = open(tp, encoding='utf-8').read()
        gold = json.load(open(gp, encoding='utf-8'))
        name = os.path.relpath(gp, ROOT)
        prev_end = -1
        for k, m in enumerate(gold):
            where = f'{name}[{k}]'
            extra = set(m) - KEYS - {'note'}
            if not KEYS <= set(m) or extra:
                errors.append(f'{where}: bad keys {sorted(m)}'); continue
            s, e = m['char_start'], m['char_end']
            if text[s:e] != m['surface']:
                errors.append(f'{where}: offsets give {text[s:e]!r}, surface {m["surface"]!r}')
            if not (0 <= s < e <= len(text)):
                errors.append(f'{where}: bad span {s}-{e}')
            if s < prev_end:
                errors.append(f'{where}: overlaps or out of order')
            prev_end = e
            aid = m['actor_id']
            if aid not in ids and not re.fullmatch(r'new:[a-z0-9]+(_[a-z0-9]+)*', aid):
                errors.append(f'{where}: unknown actor_id {aid}')
            if m['actor_type'] not in TYPES:
                errors.append(f'{where}: bad actor_type {m["actor_type"]}')
            if m['side'] not in SIDES:
                errors.append(f'{where}: bad side {m["side"]}')
            if not isinstance(m['armed_political'], bool):
                errors.append(f'{where}: armed_political not bool')
            if 'note' in m and not isinstance(m['note'], str):
                errors.append(f'{where}: note not str')
            props[aid].add((m['actor_type'], m['side'], m['armed_political']))
        actors = sorted({m['actor_id'] for m in gold})
        print(f'{name}: {len(gold)} mentions, {len(actors)} distinct actors')
    for aid, ps in props.items():
        if len(ps) > 1:
            errors.append(f'{aid}: inconsistent properties {ps}')
    new = sorted(a for a in props if a.startswith('new:'))
    print('new: ids used:', ', '.join(new) if new else '(none)')
    if errors:
        print('\n'.join(errors)); print(f'FAILED: {len(errors)} problem(s)'); return 1
    print('OK: all files valid'); return 0


if __name__ == '__main__':
    sys.exit(main())
