* Writes alliance_cp1252.sav in Windows-1252, as SPSS in a Western European locale
* without Unicode mode writes it. Run in this folder (GNU PSPP 1.6.2, Debian's pspp):
*   pspp --syntax-encoding=UTF-8 make_sav_cp1252.sps
SET LOCALE='windows-1252'.
DATA LIST LIST /id (A4) i1 i2 i3 i4 (F1.0) kommune (A20).
BEGIN DATA
k1 1 2 3 4 "Tromsø"
k2 7 9 5 6 "Bærum"
k3 4 4 8 2 "Ålesund"
END DATA.
VARIABLE LABELS i1 'Vi er enige om hva som er viktig å arbeide med'
  /i2 'Veilederen og jeg stoler på hverandre'
  /i3 'Vi er enige om stegene'
  /i4 'Jeg føler at veilederen setter pris på meg'
  /kommune 'Kommune (bosted)'.
VALUE LABELS i1 TO i4 1 'Aldri' 4 'Av og til' 7 'Alltid' 8 'Vet ikke' 9 'Ønsker ikke å svare'.
MISSING VALUES i1 TO i4 (8, 9).
SAVE OUTFILE='alliance_cp1252.sav'.
