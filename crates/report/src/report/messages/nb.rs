//! The report's words in Norwegian Bokmål (nynorsk would be its own file), with the terms of
//! Norwegian statistics textbooks (reliabilitet, faktorladning, tilpasning).

use super::Msg;

/// The Norwegian Bokmål text of `m`.
pub(super) fn text(m: Msg) -> &'static str {
    match m {
        Msg::Title => "Psykometrisk rapport: {instrument}",
        Msg::About => "Hva som ble analysert",
        Msg::AboutReading => {
            "Rapporten beskriver svarene i {file} på {instrument}. Av {read} leste rader hadde {used} minst ett svar og ble analysert. Alle tall kan gjenskapes med kommandoen nedenfor; figurene er oppsummert i tabeller ved siden av."
        }
        Msg::File => "Svarfil",
        Msg::RowsRead => "Rader lest",
        Msg::RowsUsed => "Rader med svar",
        Msg::Instrument => "Instrument",
        Msg::Languages => "Språk",
        Msg::Groups => "Grupper",
        Msg::Software => "Programvare",
        Msg::Date => "Dato",
        Msg::Command => "Kommando for å gjenskape",
        Msg::Quality => "Datakvalitet",
        Msg::QualityClean => {
            "Ingen problemer ble funnet i de {rows} radene: alle svar ligger på svarskalaen og alle id-er er unike. Stripen viser andelen manglende svar per ledd."
        }
        Msg::QualityProblems => {
            "{problems} problem(er) ble funnet, i {flagged} av {rows} rader. Ugyldige svar leses som manglende, så radene blir med i analysen med hull; `psym validate` viser hvert problem med linje og kolonne. Stripen viser andelen manglende svar per ledd, også svar som ble lest som manglende."
        }
        Msg::MissingStrip => "Manglende svar per ledd",
        Msg::MissingStripDesc => {
            "En stripe av celler, én per ledd, skyggelagt etter andelen respondenter uten gyldig svar; andelen står i hver celle."
        }
        Msg::Item => "Ledd",
        Msg::ItemText => "Tekst",
        Msg::Missing => "Mangler",
        Msg::ProblemKind => "Problem",
        Msg::Line => "Linje",
        Msg::Column => "Kolonne",
        Msg::Value => "Verdi",
        Msg::ProblemsShown => "De første {shown} av {all} problemer; `psym validate` viser alle.",
        Msg::Count => "Antall",
        Msg::Items => "Svarfordeling per ledd",
        Msg::ItemsReading => {
            "Hver stolpe viser hvordan svarene på ett ledd fordeler seg over svarskalaen: uenige svar til venstre for midtlinjen, enige til høyre. Når de fleste svarene hoper seg opp i høyeste (tak) eller laveste (gulv) kategori, kan leddet ikke skille mellom personene i den enden av skalaen."
        }
        Msg::ItemsFigure => "Svar per ledd",
        Msg::ItemsFigureDesc => {
            "Divergerende stablede stolper, én per ledd{by_group}: andelen svar i hver kategori, lavere kategorier til venstre for null og høyere til høyre."
        }
        Msg::Floor => "Gulv",
        Msg::Ceiling => "Tak",
        Msg::FloorCeilingNone => {
            "Ingen ledd har mer enn {pct} av svarene i laveste eller høyeste kategori."
        }
        Msg::FloorCeilingSome => "Ledd med mer enn {pct} av svarene i én ytterkategori: {items}.",
        Msg::Scores => "Skalaskårer",
        Msg::ScoresReading => {
            "Skalaskårene følger instrumentets skåringsregler (reverserte ledd snudd, en minste andel besvarte ledd). Den første figuren viser hvordan skårene fordeler seg, den andre hver skalas gjennomsnitt med 95 % konfidensintervall (aksen er forstørret); når intervallene til to grupper ikke overlapper, er gjennomsnittene svært sannsynlig forskjellige."
        }
        Msg::ScoresFigure => "Skalagjennomsnitt med 95 % konfidensintervall",
        Msg::ScoresFigureDesc => {
            "Et punkt for hver skalas gjennomsnitt{by_group} med en strek fra nedre til øvre grense for 95 % konfidensintervall, på svarskalaen."
        }
        Msg::DistributionFigure => "Fordeling av skalaskårene",
        Msg::DistributionFigureDesc => {
            "Et boksplott for hver skala{by_group}: boksen dekker den midterste halvdelen av skårene (første til tredje kvartil), den svarte streken markerer medianen, den tynne linjen går fra laveste til høyeste skår."
        }
        Msg::Median => "Median",
        Msg::Scale => "Skala",
        Msg::Group => "Gruppe",
        Msg::Mean => "Gjennomsnitt",
        Msg::Sd => "SA",
        Msg::Interval => "95 % KI",
        Msg::Reliability => "Reliabilitet",
        Msg::ReliabilityReading => {
            "Reliabilitet sier hvor konsistent leddene i en skala måler det samme. {summary} Etter konvensjon holder 0,70 for å sammenligne grupper, og 0,90 ønskes for beslutninger om enkeltpersoner; dette er konvensjoner, ikke dommer. Ledd som korrelerer svakt eller negativt med resten av skalaen bør leses på nytt (en glemt reversering viser seg her)."
        }
        Msg::Dimensionality => "Dimensjonalitet",
        Msg::DimensionalityReading => {
            "Hvor mange ulike ting måler leddene? Parallellanalyse sammenligner hver faktors egenverdi med det som tilfeldige data av samme størrelse gir, og foreslår {pa} faktor(er); Velicers MAP-test foreslår {map}. Instrumentet forventer {expected}. {adequacy}"
        }
        Msg::Scree => "Screeplott med parallellanalyse",
        Msg::ScreeDesc => {
            "Egenverdier etter faktornummer: observerte faktor- og komponentegenverdier som heltrukne linjer med markører, 95-persentilen for simulerte tilfeldige data som stiplede linjer. Faktorer over sin stiplede linje foreslås."
        }
        Msg::ScreeObservedFa => "faktorer, observert",
        Msg::ScreeSimulatedFa => "faktorer, tilfeldige data",
        Msg::ScreeObservedPc => "komponenter, observert",
        Msg::ScreeSimulatedPc => "komponenter, tilfeldige data",
        Msg::ScreeX => "faktornummer",
        Msg::ScreeY => "egenverdi",
        Msg::Factor => "Faktor",
        Msg::Efa => "Eksplorerende faktoranalyse",
        Msg::EfaReading => {
            "Den eksplorerende faktoranalysen lar hvert ledd lade på hver faktor. Helst lader hvert ledd sterkt (|ladning| ≥ 0,30, merket * og skyggelagt) på faktoren til sin egen skala og svakt ellers. Faktorkorrelasjonene viser hvor atskilte faktorene er; kongruenskoeffisienter på 0,95 eller mer mellom grupper betyr samme struktur i hver gruppe."
        }
        Msg::Cfa => "Bekreftende faktoranalyse",
        Msg::CfaReading => {
            "Den bekreftende modellen lar hvert ledd lade bare på faktoren til sin egen skala. {fit} {admissible} Konkurrerende modeller som instrumentet oppgir, sammenlignes nedenfor: lavere AIC eller BIC og en signifikant kjikvadratdifferanse taler for modellen med flere faktorer."
        }
        Msg::CutOffs => {
            "Vanlige grenseverdier (Hu & Bentler 1999): CFI og TLI ≥ 0,95, RMSEA ≤ 0,06, SRMR ≤ 0,08. De er en ramme for å lese verdiene, ikke bestått/ikke bestått."
        }
        Msg::Convention => "konvensjon",
        Msg::Admissible => {
            "Løsningen er tillatt: ingen negative varianser og ingen korrelasjoner utenfor ±1."
        }
        Msg::NotAdmissible => {
            "Løsningen er ikke tillatt, så tallene bør ikke brukes som de står; diagnosene nedenfor sier hvorfor og hva som kan prøves."
        }
        Msg::PathFigure => "Stidiagram med standardiserte estimater",
        Msg::PathFigureDesc => {
            "Faktorer som ellipser over leddene (bokser); piler fra hver faktor til leddene bærer de standardiserte ladningene, buer mellom faktorene deres korrelasjoner."
        }
        Msg::Invariance => "Målingsinvarians mellom grupper av {group}",
        Msg::InvarianceHolds => {
            "Måler spørreskjemaet det samme i hver gruppe? Hvert trinn i stigen gjør flere parametere like mellom gruppene; et trinn holder når tilpasningen blir dårligere med mindre enn beslutningsregelen tillater (ΔCFI ≥ −0,010, ΔRMSEA ≤ 0,015). Alle trinn holdt: skårene kan sammenlignes mellom gruppene."
        }
        Msg::InvarianceFails => {
            "Måler spørreskjemaet det samme i hver gruppe? Hvert trinn i stigen gjør flere parametere like mellom gruppene; et trinn holder når tilpasningen blir dårligere med mindre enn beslutningsregelen tillater (ΔCFI ≥ −0,010, ΔRMSEA ≤ 0,015). Trinnet {step} holdt ikke: sammenligninger som krever det bør gjøres med varsomhet, og leddene nevnt nedenfor er de som skiller seg ut."
        }
        Msg::Adequacy => {
            "KMO = {kmo} (0,80 eller mer: godt egnet for faktoranalyse; Kaiser 1974); Bartletts χ² = {chisq}, df = {df}, p {p}."
        }
        Msg::EfaCaption => "{method}-ekstraksjon, {rotation}-rotasjon",
        Msg::SalientNote => "* |ladning| ≥ {salient}",
        Msg::ItemsNote => {
            "% av svarene i hver kategori; gulv og tak: andelen i laveste og høyeste kategori"
        }
        Msg::CfaRun => {
            "Estimator {estimator}: {used} av {total} rader brukt (mønstre av manglende svar: {patterns}), manglende data {missing}; {converged} etter {iterations} iterasjoner."
        }
        Msg::Converged => "konvergerte",
        Msg::NotConverged => "konvergerte ikke",
        Msg::Careless => "Uoppmerksom besvarelse",
        Msg::CarelessReading => {
            "Indeksene for uoppmerksom besvarelse ser etter svar gitt uten å lese spørsmålene: lange rekker med samme svar, uvanlige svarmønstre (Mahalanobis D²), manglende samsvar mellom halvdelene av en delskala (even-odd) og svar som ikke følger resten av utvalget (person–total-korrelasjon). {flagged} av {rows} respondenter ble flagget på minst én indeks. Et flagg er en grunn til å se nærmere på raden, ikke et bevis: flaggede rader er med i alle analysene i denne rapporten. Tabellen viser regelen for hver indeks, for hvor mange respondenter den kunne beregnes, og hvor mange den flagget."
        }
        Msg::CarelessWide => {
            "Mer enn {share} av respondentene flagges av {indices}: med korte delskalaer eller få sterkt korrelerte leddpar flagger en slik indeks også oppmerksomme respondenter, så les den med varsomhet."
        }
        Msg::Flags => "Flagget av",
        Msg::FlagsShown => {
            "De første {shown} av {all} flaggede rader; `psym validate --careless` viser alle med hver indeks."
        }
        Msg::InvariancePartial => {
            "Måler spørreskjemaet det samme i hver gruppe? Hvert trinn i stigen gjør flere parametere like mellom gruppene; et trinn holder når tilpasningen blir dårligere med mindre enn beslutningsregelen tillater (ΔCFI ≥ −0,010, ΔRMSEA ≤ 0,015). Alle trinn holdt, men først etter at parametere for {items} ble frigjort (partiell invarians): disse leddene fungerer ulikt i gruppene. Latente gjennomsnitt kan fortsatt sammenlignes; rå skalaskårer som inneholder disse leddene, er forskjøvet med beløpene i den siste tabellen, så sammenlign dem med varsomhet."
        }
        Msg::NoteLabel => "Merknad.",
        Msg::WarningLabel => "Advarsel:",
        Msg::ReliabilityNote => {
            "Manglende data {missing}. ω total fra en enfaktormodell estimert med minres (psych::omega, nfactors = 1)."
        }
        Msg::MissingPairwise => {
            "parvis: hver kovarians bygger på respondentene som svarte på begge leddene (som psych::alpha)"
        }
        Msg::MissingListwise => "listevis: bare respondenter som svarte på alle leddene i skalaen",
        Msg::OmegaHierarchical => {
            "ω hierarkisk = {omega_h}, ω total = {omega_t} (Schmid–Leiman: {groups} gruppefaktorer og én generell faktor; psych::omega, nfactors = {groups})."
        }
        Msg::ParallelSuggests => {
            "Parallellanalysen foreslår {factors} faktor(er) og {components} komponent(er) ({used} av {total} rader brukt, {patterns} mønstre av manglende svar; {sets} simulerte datasett, startverdi {seed}; sammenlignet med {reference})."
        }
        Msg::ParallelQuantile => "{q}-kvantilen av de simulerte egenverdiene",
        Msg::ParallelMean => "gjennomsnittet av de simulerte egenverdiene",
        Msg::MapMinimum => "Velicers MAP når sitt minimum ({value}) ved {n} komponent(er).",
        Msg::CongruenceNote => {
            "{fair}–{below}: rimelig likhet; ≥ {equal}: faktorene kan regnes som like (Lorenzo-Seva & ten Berge 2006)."
        }
        Msg::InGroup => "Gruppe {group}: {text}",
        Msg::InvarianceRun => "Estimator {estimator}, manglende data {missing}.",
        Msg::InvarianceMlr => {
            "Kjikvadrat, CFI, TLI og RMSEA er de skalerte versjonene (Yuan–Bentler); Δχ² er den skalerte differansen til Satorra & Bentler (2001)."
        }
        Msg::InvarianceWlsmv => {
            "Ordinale ledd (delta-parameterisering, identifisert som hos Wu & Estabrook 2016): kjikvadrat, CFI, TLI og RMSEA er de skalerte og forskjøvne versjonene; Δχ² er den skalerte og forskjøvne differansen til Satorra (2000), som lavaans lavTestLRT."
        }
        Msg::DecisionRule => {
            "Beslutningsregel: et trinn holder når ΔCFI ≥ {cfi} og ΔRMSEA ≤ {rmsea} mot forrige trinn (Cheung & Rensvold 2002; Chen 2007). Ingen grenseverdi gjelder overalt: regelen er en innstilling, og kjikvadratdifferansetesten står ved siden av."
        }
        Msg::StepLine => {
            "Trinnet «{step}» {verdict}{free}: ΔCFI = {dcfi}, ΔRMSEA = {drmsea} mot trinnet «{against}»."
        }
        Msg::StepFree => " (partiell, med {params} fri mellom gruppene)",
        Msg::VerdictHolds => "holder",
        Msg::VerdictFails => "holder ikke",
        Msg::VerdictNotJudged => "vurderes ikke (en modell konvergerte ikke eller er ikke tillatt)",
        Msg::FailThresholds => {
            "Tersklene er ulike mellom gruppene: samme latente respons gir ulike svar i ulike grupper; ladninger og konstantledd kan ikke sammenlignes."
        }
        Msg::FailMetric => {
            "Faktorladningene er ulike mellom gruppene: faktorene betyr ikke det samme i hver gruppe."
        }
        Msg::FailScalar => {
            "Konstantleddene er ulike mellom gruppene: observerte og latente gjennomsnitt kan ikke sammenlignes mellom gruppene slik de står; søket etter partiell invarians leter etter leddene som er årsaken."
        }
        Msg::FailScalarOrdinal => {
            "Konstantleddene er ulike mellom gruppene: observerte og latente gjennomsnitt kan ikke sammenlignes mellom gruppene slik de står."
        }
        Msg::FailStrict => {
            "Residualvariansene er ulike mellom gruppene: latente gjennomsnitt kan sammenlignes, men observerte skalaskårer har ulik mengde målefeil."
        }
        Msg::FailMeans => "De latente gjennomsnittene er ulike mellom gruppene.",
        Msg::PartialNone => "Søket frigjorde ingen binding: ingen hadde en signifikant skåretest.",
        Msg::PartialNote => {
            "Bindinger frigjøres én om gangen, den med størst skåretest først, så lenge p-verdien er under alfa delt på antallet bindinger som fortsatt gjelder på trinnet (Bonferroni); den er deretter fri i alle grupper (lavaans group.partial) på dette og alle senere trinn. «avviker i»: gruppene der testen mot den første gruppen var signifikant; «bindinger»: antallet bindinger på trinnet i den runden."
        }
        Msg::PartialKept => {
            "{step}: {parameter} har en signifikant skåretest (X² = {chisq}), men ble holdt lik, slik at faktoren {factor} beholder to ledd som er like mellom gruppene."
        }
        Msg::LatentNote => {
            "Latente gjennomsnitt fra den (partielt) skalare modellen, med {reference} satt til 0; d: gjennomsnittsforskjellen delt på kvadratroten av de latente variansene, vektet etter gruppestørrelse; variansforhold: gruppens latente varians delt på variansen i {reference}."
        }
        Msg::ItemBiasNote => {
            "dMACS: ikke-invariansen på den observerte skalaen i sammenslåtte standardavvik (Nye & Drasgow 2011; omkring {small} liten, {medium} middels, {large} stor); leddskjevhet: gruppens forventede leddskår minus skåren i {reference} ved samme latente verdier, i gjennomsnitt over gruppen."
        }
        Msg::ScaleBiasNote => {
            "Hvor mye de ikke-invariante leddene hever (+) eller senker (−) gruppens gjennomsnitt av skalaens ledd ved samme latente verdier, i leddenheter (reverserte ledd slik de skåres)."
        }
        Msg::FewAnchors => {
            "{step}: faktoren {factor} har {n} ledd der parameteren er lik mellom gruppene; sammenligninger av faktorens latente varians og gjennomsnitt hviler på færre enn to ledd."
        }
        Msg::CfaScaled => {
            "Skalert test ({test}): χ² = {chisq}, skaleringsfaktor {factor}; skalert CFI {cfi}, TLI {tli}, RMSEA {rmsea}; robust CFI {rcfi}, robust RMSEA {rrmsea}."
        }
        Msg::ModelAdmissible => {
            "{model}: tillatt (ingen negative varianser, ingen standardiserte verdier utenfor ±1, konvergerte)."
        }
        Msg::ModelNotAdmissible => "{model}: ikke tillatt. {findings}",
        Msg::AdmissibilityHeading => "Tillatthet for hver modell",
        Msg::SubjectItem => "ledd {item}",
        Msg::SubjectItems => "leddene {first} og {second}",
        Msg::SubjectGroup => "gruppe {group}",
        Msg::SubjectParameter => "{parameter}",
        Msg::SubjectParameterInGroup => "{parameter} i gruppe {group}",
        Msg::SemNotConverged => {
            "estimeringen konvergerte ikke: tallene er ikke et estimat. Prøv andre startverdier eller en enklere modell."
        }
        Msg::SemNegativeVariance => {
            "har negativ varians (et Heywood-tilfelle): modellen passer ikke til denne delen av dataene. Se på ladningene til faktoren, eller sett variansen til en liten positiv verdi."
        }
        Msg::SemBeyondOne => {
            "har en standardisert verdi utenfor ±1: en korrelasjon eller ladning som ikke er mulig. Se på ladningene til faktorene det gjelder, eller endre modellen."
        }
        Msg::SemLatentNotPd => {
            "kovariansmatrisen til faktorene er ikke positivt definitt: to faktorer kan være én. Endre modellen (slå sammen eller fjern en faktor)."
        }
        Msg::SemResidualNotPd => {
            "residualkovariansmatrisen er ikke positivt definitt. Se på faste verdier og residualkovarianser."
        }
        Msg::SemUnidentified => {
            "noen parametere er ikke identifisert (informasjonsmatrisen er singulær). Gi hver faktor minst tre ledd, fastsett skalaen til hver faktor, eller fjern parametere som gjentar andre."
        }
        Msg::EfaNotConverged => {
            "ekstraksjonen eller rotasjonen stoppet før kriteriet var nådd. Prøv færre faktorer eller en annen ekstraksjonsmetode."
        }
        Msg::EfaHeywood => {
            "har kommunalitet lik eller over én (et Heywood-tilfelle). Prøv færre faktorer eller en annen ekstraksjonsmetode."
        }
        Msg::EfaUnderidentified => {
            "flere parametere enn korrelasjonene kan identifisere. Trekk ut færre faktorer."
        }
        Msg::EfaNotPd => {
            "korrelasjonsmatrisen er ikke positivt definitt. Glatt den eller bruk en annen ekstraksjonsmetode."
        }
        Msg::EfaTooFew => "færre respondenter enn analysen trenger.",
        Msg::RelZeroVariance => {
            "har ingen varians blant respondentene som ble brukt, og er utelatt."
        }
        Msg::RelNegativeItemRest => {
            "korrelerer negativt med resten av skalaen: som regel en glemt eller feil reversering. Kontroller reverseringen i instrumentet."
        }
        Msg::RelNegativeAlpha => "alfa er under null: leddene måler ikke én ting i samme retning.",
        Msg::RelSingular => {
            "korrelasjonsmatrisen er singulær, så statistikk som krever den inverse, mangler."
        }
        Msg::RelReflected => {
            "lader negativt på faktoren bak omega, så omega regner det som reversert (som psych::omega)."
        }
        Msg::RelOmegaTrouble => {
            "faktormodellen bak omega konvergerte ikke eller har kommunalitet lik eller over én: les omega med varsomhet."
        }
        Msg::RelBootstrap => "noen bootstrap-utvalg ga ingen verdi.",
        Msg::RelRowsDropped => {
            "listevis sletting fjernet mange av radene som ble lest. Parvis håndtering av manglende svar beholder dem."
        }
        Msg::CarelessConstant => "har ingen varians og er utelatt fra Mahalanobis D².",
        Msg::CarelessNoCovariance => {
            "kovariansmatrisen er singulær eller har for få rader: ingen Mahalanobis D²."
        }
        Msg::CarelessFewSynonyms => {
            "færre enn tre leddpar korrelerer over synonymgrensen: indeksen for psykometriske synonymer er ikke beregnet. En lavere grense (psym validate --careless --synonym-cutoff) finner flere par."
        }
        Msg::CarelessFewAntonyms => {
            "færre enn tre leddpar korrelerer under minus synonymgrensen: indeksen for psykometriske antonymer er ikke beregnet. En lavere grense (psym validate --careless --synonym-cutoff) finner flere par."
        }
        Msg::CarelessNoSubscales => {
            "færre enn to delskalaer med to eller flere ledd: ingen even-odd-konsistens."
        }
        Msg::FindingOther => "{message}",
        Msg::ScoreTestCaption => {
            "Der trinnet «{step}» ikke holder: skåretester for likhetsbindingene"
        }
        Msg::ScoreTestNote => {
            "X²: univariat skåretest (Lagrange-multiplikator) for å frigjøre bare den bindingen (1 df), som lavaans lavTestScore; epc ref, epc annen: forventet endring i parameteren i den første gruppen (referansen) og i den andre gruppen når den frigjøres."
        }
        Msg::OrdinalReading => {
            "{which} behandlet som ordnede kategorier i stedet for tall: modellene ble tilpasset med WLSMV (diagonalt vektede minste kvadrater på de polykoriske korrelasjonene, med robuste standardfeil og en skalert og forskjøvet test; lavaans ordered= med estimator WLSMV). Hvert ordnet ledd har terskler: punktene på en kontinuerlig latent respons der et svar går opp én kategori. Den bekreftende modellen lar hvert ledd lade bare på faktoren til sin egen skala. Skalert tilpasning: {fit} {robust}{converged}"
        }
        Msg::OrdinalEvery => "Alle leddene ble",
        Msg::OrdinalSome => "Leddene {items} ble",
        Msg::OrdinalRobust => {
            "Robust tilpasning (Savalei 2021; lavaans .robust-indekser): CFI = {cfi}, TLI = {tli}, RMSEA = {rmsea} [{lower}, {upper}]. "
        }
        Msg::OrdinalCaution => {
            "De vanlige grenseverdiene ble utledet for sannsynlighetsmaksimering med kontinuerlige ledd; med ordnede ledd blir skalert CFI og TLI gjerne høyere og skalert RMSEA lavere enn samme feiltilpasning ville gitt med ML (Xia & Yang 2019), så her er de grove holdepunkter, og de robuste indeksene er den nærmeste sammenligningen."
        }
        Msg::Scaled => "skalert",
        Msg::Robust => "robust",
        Msg::OrdinalTableNote => {
            "skalert: den skalerte og forskjøvne testen og indeksene beregnet fra den; robust: lavaans robuste indekser for ordnede ledd, med 90 %-intervallet for RMSEA; – der lavaan ikke gir noen."
        }
        Msg::ThresholdCaption => "Standardiserte ladninger og terskler i {model}",
        Msg::ThresholdNote => {
            "λ: den standardiserte ladningen (som i stidiagrammet); t1, t2, …: tersklene på den latente responsskalaen (standardenheter), den første mellom de to laveste kategoriene som ble brukt (etter eventuell sammenslåing). Terskler langt fra hverandre betyr kategorier som mange bruker; en terskel utenfor ±2,5 markerer en kategori som færre enn omtrent 1 % valgte."
        }
        Msg::OrdinalComparisonCaption => "Modellsammenligning (WLSMV, skalert og forskjøvet test)",
        Msg::OrdinalComparisonNote => {
            "Modellene er sortert etter df; Δchisq er den skalerte og forskjøvne differansetesten (Satorra 2000, lavaans lavTestLRT) mot modellen over, meningsfull for nøstede modeller."
        }
        Msg::OrdinalModelFine => {
            "{model}: konvergerte, og ingen standardisert ladning eller faktorkorrelasjon ligger utenfor ±1."
        }
        Msg::CategoryUnused => {
            "Ledd {item}: ingen valgte kategori {category}, så den har ingen terskel."
        }
        Msg::CategoryUnusedInGroup => {
            "Ledd {item}: ingen i gruppe {group} valgte kategori {category}, som andre grupper brukte."
        }
        Msg::CategoryMerged => {
            "Ledd {item}: kategori {from} ({count} svar) ble slått sammen med kategori {into}."
        }
        Msg::CategoryPerfect => {
            "ordner respondentene likt (den polykoriske korrelasjonen er ±1): tilpasningene kan ikke skille dem. Utelat ett av dem eller slå sammen tynne kategorier."
        }
        Msg::CategoryCollapse => {
            "Gruppenes terskler kan bare sammenlignes der alle grupper brukte de samme kategoriene: --collapse 1 slår hver kategori en gruppe ikke brukte sammen med nabokategorien i alle grupper."
        }
        Msg::InvarianceUnshared => {
            "gruppene brukte ikke alle de samme kategoriene (se advarslene under bekreftende faktoranalyse), så tersklene deres kan ikke sammenlignes; --collapse 1 slår hver slik kategori sammen med nabokategorien i alle grupper."
        }
        Msg::InvarianceNoCfa => {
            "de ordnede leddene kunne ikke tilpasses (den bekreftende faktoranalysen sier hvorfor), og dermed heller ikke stigen."
        }
        Msg::InvarianceMixed => {
            "den ordinale stigen krever at alle ledd er ordnet (--ordered all): kontinuerlige ledd ved siden av ordnede tilpasses bare i én gruppe."
        }
        Msg::InvarianceFailsOrdinal => {
            "Måler spørreskjemaet det samme i hver gruppe? Hvert trinn i stigen gjør flere parametere like mellom gruppene; et trinn holder når tilpasningen blir dårligere med mindre enn beslutningsregelen tillater (ΔCFI ≥ −0,010, ΔRMSEA ≤ 0,015). Trinnet {step} holdt ikke: sammenligninger som krever det bør gjøres med varsomhet. Søket etter leddene som er årsaken, finnes ikke for ordnede ledd ennå; rapporten uten --ordered kjører det på leddene som tall."
        }
        Msg::NotComputed => "Ikke beregnet: {reason}",
    }
}
