//! The report's words in English.

use super::Msg;

/// The English text of `m`.
pub(super) fn text(m: Msg) -> &'static str {
    match m {
        Msg::Title => "Psychometric report: {instrument}",
        Msg::About => "What was analysed",
        Msg::AboutReading => {
            "This report describes the answers in {file} to {instrument}. Of {read} rows read, {used} had at least one answer and were analysed. Every number can be reproduced with the command below; figures are summarised in tables beside them."
        }
        Msg::File => "Response file",
        Msg::RowsRead => "Rows read",
        Msg::RowsUsed => "Rows with answers",
        Msg::Instrument => "Instrument",
        Msg::Languages => "Languages",
        Msg::Groups => "Groups",
        Msg::Software => "Software",
        Msg::Date => "Date",
        Msg::Command => "Command to reproduce",
        Msg::Quality => "Data quality",
        Msg::QualityClean => {
            "No problems were found in the {rows} rows: every answer is on the response scale and every id is unique. The strip shows the share of missing answers per item."
        }
        Msg::QualityProblems => {
            "{problems} problem(s) were found, in {flagged} of {rows} rows. Invalid answers are read as missing, so these rows stay in the analysis with gaps; `psym validate` lists every problem with its line and column. The strip shows the share of missing answers per item, including answers read as missing."
        }
        Msg::MissingStrip => "Missing answers per item",
        Msg::MissingStripDesc => {
            "A strip of cells, one per item, shaded by the share of respondents with no valid answer; the share is written in each cell."
        }
        Msg::Item => "Item",
        Msg::ItemText => "Text",
        Msg::Missing => "Missing",
        Msg::ProblemKind => "Problem",
        Msg::Line => "Line",
        Msg::Column => "Column",
        Msg::Value => "Value",
        Msg::ProblemsShown => {
            "The first {shown} of {all} problems; `psym validate` lists them all."
        }
        Msg::Count => "Count",
        Msg::Items => "Item response distributions",
        Msg::ItemsReading => {
            "Each bar shows how the answers to one item are spread over the response scale: disagreeing answers to the left of the centre line, agreeing ones to the right. When most answers pile up in the highest (ceiling) or lowest (floor) category, the item cannot tell apart the people at that end of the scale."
        }
        Msg::ItemsFigure => "Answers per item",
        Msg::ItemsFigureDesc => {
            "Diverging stacked bars, one per item{by_group}: the share of answers in each category, lower categories to the left of zero and higher ones to the right."
        }
        Msg::Floor => "Floor",
        Msg::Ceiling => "Ceiling",
        Msg::FloorCeilingNone => {
            "No item has more than {pct} of its answers in the lowest or the highest category."
        }
        Msg::FloorCeilingSome => {
            "Items with more than {pct} of their answers in one end category: {items}."
        }
        Msg::Scores => "Scale scores",
        Msg::ScoresReading => {
            "Scale scores follow the instrument's scoring rules (reversed items turned round, a minimum share of answered items). The first figure shows how the scores are spread, the second each scale's mean with its 95 % confidence interval (the axis is zoomed in); when the intervals of two groups do not overlap, their means very likely differ."
        }
        Msg::ScoresFigure => "Scale means with 95 % confidence intervals",
        Msg::ScoresFigureDesc => {
            "A dot for each scale's mean{by_group} with a bar from the lower to the upper limit of its 95 % confidence interval, on the response scale."
        }
        Msg::DistributionFigure => "Distribution of the scale scores",
        Msg::DistributionFigureDesc => {
            "A box plot for each scale{by_group}: the box spans the middle half of the scores (first to third quartile), the black line marks the median, the thin line runs from the lowest to the highest score."
        }
        Msg::Median => "Median",
        Msg::Scale => "Scale",
        Msg::Group => "Group",
        Msg::Mean => "Mean",
        Msg::Sd => "SD",
        Msg::Interval => "95 % CI",
        Msg::Reliability => "Reliability",
        Msg::ReliabilityReading => {
            "Reliability says how consistently the items of a scale measure the same thing. {summary} By convention, 0.70 is enough to compare groups and 0.90 is wanted for decisions about individuals; these are conventions, not verdicts. Items that correlate weakly or negatively with the rest of their scale are worth reading again (a forgotten reverse key shows up here)."
        }
        Msg::Dimensionality => "Dimensionality",
        Msg::DimensionalityReading => {
            "How many distinct things do the items measure? Parallel analysis compares each factor's eigenvalue with what random data of the same size would give and suggests {pa} factor(s); Velicer's MAP test suggests {map}. The instrument expects {expected}. {adequacy}"
        }
        Msg::Scree => "Scree plot with parallel analysis",
        Msg::ScreeDesc => {
            "Eigenvalues by factor number: observed factor and component eigenvalues as solid lines with markers, the 95th percentile of simulated random data as dashed lines. Factors above their dashed line are suggested."
        }
        Msg::ScreeObservedFa => "factors, observed",
        Msg::ScreeSimulatedFa => "factors, random data",
        Msg::ScreeObservedPc => "components, observed",
        Msg::ScreeSimulatedPc => "components, random data",
        Msg::ScreeX => "factor number",
        Msg::ScreeY => "eigenvalue",
        Msg::Factor => "Factor",
        Msg::Efa => "Exploratory factor analysis",
        Msg::EfaReading => {
            "The exploratory factor analysis lets every item load on every factor. Ideally each item loads strongly (|loading| ≥ 0.30, marked * and shaded) on the factor of its own scale and weakly elsewhere. Factor correlations show how distinct the factors are; congruence coefficients of 0.95 or more across groups mean the same structure in each group."
        }
        Msg::Cfa => "Confirmatory factor analysis",
        Msg::CfaReading => {
            "The confirmatory model lets each item load only on its own scale's factor. {fit} {admissible} The competing models the instrument declares are compared below: a lower AIC or BIC and a significant chi-square difference favour the model with more factors."
        }
        Msg::CutOffs => {
            "Conventional cut-offs (Hu & Bentler 1999): CFI and TLI ≥ 0.95, RMSEA ≤ 0.06, SRMR ≤ 0.08. They are context for reading the values, not pass marks."
        }
        Msg::Convention => "convention",
        Msg::Admissible => {
            "The solution is admissible: no negative variances and no correlations beyond ±1."
        }
        Msg::NotAdmissible => {
            "The solution is not admissible, so its numbers should not be used as they stand; the diagnostics below say why and what to try."
        }
        Msg::PathFigure => "Path diagram with standardized estimates",
        Msg::PathFigureDesc => {
            "Factors as ellipses above the items (boxes); arrows from each factor to its items carry the standardized loadings, arcs between factors their correlations."
        }
        Msg::Invariance => "Measurement invariance across {group}",
        Msg::InvarianceHolds => {
            "Does the questionnaire measure the same thing in every group? Each step of the ladder makes more parameters equal across groups; a step holds when the fit worsens by less than the decision rule allows (ΔCFI ≥ −0.010, ΔRMSEA ≤ 0.015). Every step held: scores can be compared across the groups."
        }
        Msg::InvarianceFails => {
            "Does the questionnaire measure the same thing in every group? Each step of the ladder makes more parameters equal across groups; a step holds when the fit worsens by less than the decision rule allows (ΔCFI ≥ −0.010, ΔRMSEA ≤ 0.015). The {step} step did not hold: comparisons that need it should be made with care, and the items named below are the ones that differ."
        }
        Msg::Adequacy => {
            "KMO = {kmo} (0.80 or more: well suited to factor analysis; Kaiser 1974); Bartlett's χ² = {chisq}, df = {df}, p {p}."
        }
        Msg::EfaCaption => "{method} extraction, {rotation} rotation",
        Msg::SalientNote => "* |loading| ≥ {salient}",
        Msg::ItemsNote => {
            "% of answers per category; floor and ceiling: share in the lowest and highest category"
        }
        Msg::CfaRun => {
            "Estimator {estimator}: {used} of {total} rows used (missing-data patterns: {patterns}), missing data {missing}; {converged} after {iterations} iterations."
        }
        Msg::Converged => "converged",
        Msg::NotConverged => "did not converge",
        Msg::Careless => "Careless responding",
        Msg::CarelessReading => {
            "Careless-responding indices look for answers given without reading: long runs of the same answer, unusual answer patterns (Mahalanobis D²), inconsistency between halves of a subscale (even-odd) and answers that do not follow the rest of the sample (person-total correlation). {flagged} of {rows} respondents were flagged on at least one index. A flag is a reason to look at a row, not proof: flagged rows stay in every analysis of this report. The table gives each index's rule, for how many respondents it could be computed, and how many it flagged."
        }
        Msg::CarelessWide => {
            "More than {share} of the respondents are flagged by {indices}: with short subscales or few strongly correlated item pairs such an index also flags attentive respondents, so read it with care."
        }
        Msg::Flags => "Flagged by",
        Msg::FlagsShown => {
            "The first {shown} of {all} flagged rows; `psym validate --careless` lists them all with every index."
        }
        Msg::InvariancePartial => {
            "Does the questionnaire measure the same in each group? Each step of the ladder makes more parameters equal across the groups; a step holds when the fit worsens by less than the decision rule allows (ΔCFI ≥ −0.010, ΔRMSEA ≤ 0.015). Every step held, but only after freeing parameters of {items} (partial invariance): these items work differently across the groups. Latent means can still be compared; raw scale scores that include these items are shifted by the amounts in the last table, so compare those with care."
        }
        Msg::NoteLabel => "Note.",
        Msg::WarningLabel => "Warning:",
        Msg::ReliabilityNote => {
            "Missing data {missing}. ω total from a one-factor minres model (psych::omega, nfactors = 1)."
        }
        Msg::MissingPairwise => {
            "pairwise: each covariance uses the respondents who answered both items (as psych::alpha)"
        }
        Msg::MissingListwise => "listwise: only respondents who answered every item of the scale",
        Msg::OmegaHierarchical => {
            "ω hierarchical = {omega_h}, ω total = {omega_t} (Schmid–Leiman: {groups} group factors and a general factor; psych::omega, nfactors = {groups})."
        }
        Msg::ParallelSuggests => {
            "Parallel analysis suggests {factors} factor(s) and {components} component(s) ({used} of {total} rows used, {patterns} missing-data pattern(s); {sets} simulated data sets, seed {seed}; compared with {reference})."
        }
        Msg::ParallelQuantile => "the {q} quantile of the simulated eigenvalues",
        Msg::ParallelMean => "the mean of the simulated eigenvalues",
        Msg::MapMinimum => "Velicer's MAP reaches its minimum ({value}) with {n} component(s).",
        Msg::CongruenceNote => {
            "{fair}–{below}: fair similarity; ≥ {equal}: the factors can be considered equal (Lorenzo-Seva & ten Berge 2006)."
        }
        Msg::InGroup => "Group {group}: {text}",
        Msg::InvarianceRun => "Estimator {estimator}, missing data {missing}.",
        Msg::InvarianceMlr => {
            "Chi-square, CFI, TLI and RMSEA are the scaled (Yuan–Bentler) versions; Δχ² is the scaled difference of Satorra & Bentler (2001)."
        }
        Msg::InvarianceWlsmv => {
            "Ordered items (delta parameterisation, identified as by Wu & Estabrook 2016): chi-square, CFI, TLI and RMSEA are the scaled-and-shifted versions; Δχ² is the scaled-and-shifted difference of Satorra (2000), as lavaan's lavTestLRT."
        }
        Msg::DecisionRule => {
            "Decision rule: a step holds when ΔCFI ≥ {cfi} and ΔRMSEA ≤ {rmsea} against the previous step (Cheung & Rensvold 2002; Chen 2007). No cut-off is universal: the rule is a setting, and the chi-square difference test is shown beside it."
        }
        Msg::StepLine => {
            "{step} invariance {verdict}{free}: ΔCFI = {dcfi}, ΔRMSEA = {drmsea} against {against}."
        }
        Msg::StepFree => " (partial, with {params} free across groups)",
        Msg::VerdictHolds => "holds",
        Msg::VerdictFails => "fails",
        Msg::VerdictNotJudged => "is not judged (a fit did not converge or is not admissible)",
        Msg::FailThresholds => {
            "The thresholds differ between groups: the same latent response leads to different answers in different groups; loadings and intercepts cannot be compared."
        }
        Msg::FailMetric => {
            "The loadings differ between groups: the factors do not mean the same in every group."
        }
        Msg::FailScalar => {
            "The intercepts differ between groups: observed and latent means cannot be compared across groups as they stand; the partial-invariance search looks for the items responsible."
        }
        Msg::FailScalarOrdinal => {
            "The intercepts differ between groups: observed and latent means cannot be compared across groups as they stand."
        }
        Msg::FailStrict => {
            "The residual variances differ between groups: latent means can be compared, but observed scale scores carry different amounts of error."
        }
        Msg::FailMeans => "The latent means differ between groups.",
        Msg::PartialNone => "The search released no constraint: none had a significant score test.",
        Msg::PartialNote => {
            "Constraints are released one at a time, largest score test first, while its p value is below alpha divided by the number of the step's constraints still in place (Bonferroni); each is then free in every group (lavaan's group.partial) in this and every later step. differs in: the groups whose test against the first group was significant; constraints: the step's constraints in place in that round."
        }
        Msg::PartialKept => {
            "{step}: {parameter} has a significant score test (X² = {chisq}) but was kept equal, so that factor {factor} keeps two items equal across groups."
        }
        Msg::LatentNote => {
            "Latent means from the (partial) scalar model, with {reference} fixed at 0; d: the mean difference over the square root of the latent variances pooled by group size; variance ratio: the group's latent variance over that of {reference}."
        }
        Msg::ItemBiasNote => {
            "dMACS: the non-invariance on the observed scale in pooled standard deviations (Nye & Drasgow 2011; about {small} small, {medium} medium, {large} large); item bias: the group's expected item score minus that of {reference} at the same latent values, averaged over the group."
        }
        Msg::ScaleBiasNote => {
            "How much the non-invariant items raise (+) or lower (−) the group's mean of the scale's items at the same latent values, in item units (reverse-keyed items as scored)."
        }
        Msg::FewAnchors => {
            "{step}: factor {factor} has {n} item(s) whose parameter is equal across groups; comparisons of its latent variance and mean rest on fewer than two items."
        }
        Msg::CfaScaled => {
            "Scaled test ({test}): χ² = {chisq}, scaling factor {factor}; scaled CFI {cfi}, TLI {tli}, RMSEA {rmsea}; robust CFI {rcfi}, robust RMSEA {rrmsea}."
        }
        Msg::ModelAdmissible => {
            "{model}: admissible (no negative variances, no standardized values beyond ±1, converged)."
        }
        Msg::ModelNotAdmissible => "{model}: not admissible. {findings}",
        Msg::AdmissibilityHeading => "Admissibility of each model",
        Msg::SubjectItem => "item {item}",
        Msg::SubjectItems => "items {first} and {second}",
        Msg::SubjectGroup => "group {group}",
        Msg::SubjectParameter => "{parameter}",
        Msg::SubjectParameterInGroup => "{parameter} in group {group}",
        Msg::SemNotConverged => {
            "the estimation did not converge: the numbers are not an estimate. Try other starting values or a simpler model."
        }
        Msg::SemNegativeVariance => {
            "has a negative variance (a Heywood case): the model does not fit this part of the data. Check the loadings of its factor, or fix the variance to a small positive value."
        }
        Msg::SemBeyondOne => {
            "has a standardized value beyond ±1: a correlation or loading that cannot be. Check the loadings of the factors concerned or revise the model."
        }
        Msg::SemLatentNotPd => {
            "the factor covariance matrix is not positive definite: two factors may be one. Revise the model (merge or drop a factor)."
        }
        Msg::SemResidualNotPd => {
            "the residual covariance matrix is not positive definite. Check fixed values and residual covariances."
        }
        Msg::SemUnidentified => {
            "some parameters are not identified (the information matrix is singular). Give each factor at least three items, set each factor's scale, or remove parameters that duplicate others."
        }
        Msg::EfaNotConverged => {
            "the extraction or rotation stopped before meeting its criterion. Try fewer factors or another extraction method."
        }
        Msg::EfaHeywood => {
            "has a communality at or above one (a Heywood case). Try fewer factors or another extraction method."
        }
        Msg::EfaUnderidentified => {
            "more parameters than the correlations identify. Extract fewer factors."
        }
        Msg::EfaNotPd => {
            "the correlation matrix is not positive definite. Smooth it or use another extraction method."
        }
        Msg::EfaTooFew => "fewer respondents than the analysis needs.",
        Msg::RelZeroVariance => "has no variance among the respondents used and is left out.",
        Msg::RelNegativeItemRest => {
            "correlates negatively with the rest of its scale: usually a forgotten or wrong reverse key. Check the instrument's keying."
        }
        Msg::RelNegativeAlpha => {
            "alpha is below zero: the items do not measure one thing in the same direction."
        }
        Msg::RelSingular => {
            "the correlation matrix is singular, so statistics that need its inverse are missing."
        }
        Msg::RelReflected => {
            "loads negatively on the factor behind omega, so omega counts it reversed (as psych::omega)."
        }
        Msg::RelOmegaTrouble => {
            "the factor model behind omega did not converge or has a communality at or above one: read omega with care."
        }
        Msg::RelBootstrap => "some bootstrap replicates gave no value.",
        Msg::RelRowsDropped => {
            "listwise deletion dropped many of the rows read. Pairwise handling of missing answers keeps them."
        }
        Msg::CarelessConstant => "has no variance and is left out of Mahalanobis D².",
        Msg::CarelessNoCovariance => {
            "the covariance matrix is singular or has too few rows: no Mahalanobis D²."
        }
        Msg::CarelessFewSynonyms => {
            "fewer than three item pairs correlate beyond the synonym cut-off: the psychometric synonyms index is not computed. A lower cut-off (psym validate --careless --synonym-cutoff) finds more pairs."
        }
        Msg::CarelessFewAntonyms => {
            "fewer than three item pairs correlate below minus the synonym cut-off: the psychometric antonyms index is not computed. A lower cut-off (psym validate --careless --synonym-cutoff) finds more pairs."
        }
        Msg::CarelessNoSubscales => {
            "fewer than two subscales of two or more items: no even-odd consistency."
        }
        Msg::FindingOther => "{message}",
        Msg::ScoreTestCaption => {
            "Where {step} invariance fails: score tests of its equality constraints"
        }
        Msg::ScoreTestNote => {
            "X²: univariate score (Lagrange multiplier) test of releasing that constraint alone (1 df), as lavaan's lavTestScore; epc ref, epc other: expected change of the parameter in the first (reference) group and in the other group when it is released."
        }
        Msg::OrdinalReading => {
            "{which} treated as ordered categories rather than numbers: the models were fitted by WLSMV (diagonally weighted least squares on the polychoric correlations, with robust standard errors and a scaled-and-shifted test; lavaan's ordered= with estimator WLSMV). Each ordered item has thresholds: the points on a continuous latent response at which an answer moves up one category. The confirmatory model lets each item load only on its own scale's factor. Scaled fit: {fit} {robust}{converged}"
        }
        Msg::OrdinalEvery => "Every item was",
        Msg::OrdinalSome => "The items {items} were",
        Msg::OrdinalRobust => {
            "Robust fit (Savalei 2021; lavaan's .robust indices): CFI = {cfi}, TLI = {tli}, RMSEA = {rmsea} [{lower}, {upper}]. "
        }
        Msg::OrdinalCaution => {
            "The conventional cut-offs were derived for maximum likelihood with continuous items; with ordered items the scaled CFI and TLI tend to come out higher and the scaled RMSEA lower than the same misfit would give under ML (Xia & Yang 2019), so they are rough guides here, and the robust indices are the closer comparison."
        }
        Msg::Scaled => "scaled",
        Msg::Robust => "robust",
        Msg::OrdinalTableNote => {
            "scaled: the scaled-and-shifted test and the indices computed from it; robust: lavaan's robust indices for ordered items, with the 90 % interval of RMSEA; – where lavaan gives none."
        }
        Msg::ThresholdCaption => "Standardized loadings and thresholds of {model}",
        Msg::ThresholdNote => {
            "λ: the standardized loading (as in the path diagram); t1, t2, …: the thresholds on the latent response scale (standard units), the first between the lowest two categories used (after any merge). Thresholds far apart mean categories that many respondents use; a threshold beyond ±2.5 marks a category fewer than about 1 % chose."
        }
        Msg::OrdinalComparisonCaption => "Model comparison (WLSMV, scaled-and-shifted test)",
        Msg::OrdinalComparisonNote => {
            "Models sorted by df; Δchisq is the scaled-and-shifted difference test (Satorra 2000, lavaan's lavTestLRT) against the model above, meaningful for nested models."
        }
        Msg::OrdinalModelFine => {
            "{model}: converged, and no standardized loading or factor correlation lies beyond ±1."
        }
        Msg::CategoryUnused => {
            "Item {item}: nobody chose category {category}, so it has no threshold."
        }
        Msg::CategoryUnusedInGroup => {
            "Item {item}: nobody in group {group} chose category {category}, which other groups used."
        }
        Msg::CategoryMerged => {
            "Item {item}: category {from} ({count} answers) was merged into category {into}."
        }
        Msg::CategoryPerfect => {
            "order the respondents identically (their polychoric correlation is ±1): the fits cannot separate them. Leave one of them out or merge sparse categories."
        }
        Msg::CategoryCollapse => {
            "The groups' thresholds can only be compared where every group used the same categories: --collapse 1 merges each category a group did not use into its neighbour in every group."
        }
        Msg::InvarianceUnshared => {
            "the groups did not all use the same categories (see the warnings of the confirmatory factor analysis), so their thresholds cannot be compared; --collapse 1 merges each such category into its neighbour in every group."
        }
        Msg::InvarianceNoCfa => {
            "the ordered items could not be fitted (the confirmatory factor analysis says why), so neither can the ladder."
        }
        Msg::InvarianceMixed => {
            "the ordinal ladder needs every item ordered (--ordered all): continuous items beside ordered ones are fitted in one group only."
        }
        Msg::InvarianceFailsOrdinal => {
            "Does the questionnaire measure the same thing in every group? Each step of the ladder makes more parameters equal across groups; a step holds when the fit worsens by less than the decision rule allows (ΔCFI ≥ −0.010, ΔRMSEA ≤ 0.015). The {step} step did not hold: comparisons that need it should be made with care. The search for the items responsible is not available for ordered items yet; the report without --ordered runs it on the items as numbers."
        }
        Msg::NotComputed => "Not computed: {reason}",
    }
}
