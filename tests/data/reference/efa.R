# Additional EFA/correlation reference figures for psym (issue 4), beyond reference.R.
# Run in this folder: Rscript efa.R  (psych 2.2.9, GPArotation 2022.10-2, R 4.2.2) -> efa_reference.json
suppressMessages({library(psych); library(GPArotation); library(jsonlite)})
set.seed(1)
hs <- read.csv("../HolzingerSwineford1939.csv")
X9 <- hs[, paste0("x", 1:9)]
bfi <- read.csv("../bfi.csv")
B <- bfi[, 2:26]
R <- list()
efa <- function(x, nf, fm, rot) { f <- fa(x, nf, fm = fm, rotate = rot)
  list(loadings = unclass(f$loadings), phi = f$Phi, communality = f$communality,
       rmsea = unname(f$RMSEA[1:3]), tli = f$TLI, bic = f$BIC, statistic = f$STATISTIC) }
R$hs_minres_quartimax <- efa(X9, 3, "minres", "quartimax")
R$hs_minres_geominT <- efa(X9, 3, "minres", "geominT")
R$hs_ml_promax <- efa(X9, 3, "ml", "promax")
R$bfi_ml_geominQ5 <- efa(B, 5, "ml", "geominQ")
R$hs_minres_oblimin_rmsea <- efa(X9, 3, "minres", "oblimin")$rmsea
R$bfi_minres_oblimin5_rmsea <- efa(B, 5, "minres", "oblimin")$rmsea
# Kaiser-normalised oblimin, straight from GPArotation on psych's unrotated minres loadings
u <- fa(X9, 3, fm = "minres", rotate = "none")$loadings
ok <- GPArotation::oblimin(unclass(u), normalize = TRUE, eps = 1e-6, maxit = 10000)
R$hs_minres_oblimin_kaiser <- list(loadings = unclass(ok$loadings), phi = ok$Phi)
# oblique target rotation towards the three HS factors (NA = free)
Tg <- matrix(0, 9, 3); Tg[1:3, 1] <- NA; Tg[4:6, 2] <- NA; Tg[7:9, 3] <- NA
tq <- GPArotation::targetQ(unclass(u), Target = Tg, eps = 1e-6, maxit = 10000)
R$hs_minres_targetQ <- list(loadings = unclass(tq$loadings), phi = tq$Phi)
# MAP (Velicer) and parallel analysis observed values on bfi
v <- VSS(B, n = 8, plot = FALSE)
R$bfi_map <- v$map
pa <- fa.parallel(B, n.iter = 20, plot = FALSE)
R$bfi_parallel <- list(fa_values = pa$fa.values, pc_values = pa$pc.values, nfact = pa$nfact, ncomp = pa$ncomp)
R$hs_kmo <- KMO(X9)$MSA
# Spearman (pairwise) and tetrachoric on dichotomised bfi items
R$bfi_spearman5 <- cor(B[, 1:5], method = "spearman", use = "pairwise")
D <- (B[, 1:5] > 3) * 1
tc <- tetrachoric(D)
R$bfi_tetrachoric5 <- list(rho = unclass(tc$rho), tau = unname(tc$tau))
writeLines(toJSON(R, digits = NA, auto_unbox = TRUE, matrix = "rowmajor"), "efa_reference.json")
