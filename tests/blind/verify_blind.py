"""Standalone check of the blind gold files: offsets, order/overlap, ids, per-id property consistency, identical texts, 600-1000 chars, no BOM.
Reads only tests/blind/ and src/syria_events/data/actor_ids_seed.txt. Usage: python3 tests/blind/verify_blind.py"""
import json, glob, os, re, hashlib
B='/work/main/tests/blind'
seed=set(l.split('|')[0].strip() for l in open('/work/main/src/syria_events/data/actor_ids_seed.txt',encoding='utf-8') if l.strip() and not l.startswith('#'))
errs=[]; props={}
texts={}
for layer in ['places','actors','events','statements']:
    for tp in sorted(glob.glob(f'{B}/{layer}/blind_0*.txt')):
        raw=open(tp,'rb').read()
        if raw.startswith(b'\xef\xbb\xbf'): errs.append(f'BOM {tp}')
        t=raw.decode('utf-8'); stem=os.path.basename(tp)[:-4]
        texts.setdefault(stem,t)
        if texts[stem]!=t: errs.append(f'text differs {tp}')
        if not 600<=len(t)<=1000: errs.append(f'len {tp} {len(t)}')
        g=json.load(open(tp[:-4]+'.json',encoding='utf-8'))
        prev=-1
        for k,m in enumerate(g):
            w=f'{layer}/{stem}[{k}]'
            if layer=='places' or layer=='actors':
                if t[m['char_start']:m['char_end']]!=m['surface']: errs.append(w+' surface')
                if m['char_start']<prev: errs.append(w+' overlap/order')
                prev=m['char_end']
                if m['surface'][0] in 'وبلفك' and layer=='places' and m['surface'] not in ('لبنان',): pass
            if layer=='actors':
                a=m['actor_id']
                if a not in seed and not re.fullmatch(r'new:[a-z0-9]+(_[a-z0-9]+)*',a): errs.append(w+' id '+a)
                props.setdefault(a,set()).add((m['actor_type'],m['side'],m['armed_political']))
            if layer=='statements':
                if t[m['char_start']:m['char_end']]!=m['quote']: errs.append(w+' quote')
                if m['char_start']<prev: errs.append(w+' overlap/order')
                prev=m['char_end']
                if m['speaker_surface'] not in t: errs.append(w+' speaker not in text')
                if m['reporting_verb'] not in t: errs.append(w+' verb not in text')
                sid=m['speaker_actor_id']
                if sid is not None and sid not in seed and not sid.startswith('new:'): errs.append(w+' sid')
            if layer=='events':
                if t[m['evidence_start']:m['evidence_end']]!=m['evidence']: errs.append(w+' evidence')
                if m['place_surface'] is not None:
                    ps,pe=m['place_char_start'],m['place_char_end']
                    if t[ps:pe]!=m['place_surface']: errs.append(w+' place')
                    if not (m['evidence_start']<=ps and pe<=m['evidence_end']): errs.append(w+' place outside evidence')
                for f in ['actor1_id','actor2_id','claimed_by_actor_id']:
                    a=m[f]
                    if a is not None and a not in seed and not a.startswith('new:'): errs.append(w+' '+f)
for a,p in props.items():
    if len(p)>1: errs.append(f'inconsistent {a} {p}')
d=json.load(open(f'{B}/events/dates.json'))
print(d)
print('ERRORS:',errs or 'none')
