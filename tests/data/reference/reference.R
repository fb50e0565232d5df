# Reference figures from lavaan 0.6-14 and psych 2.2.9 (Debian packages), written to JSON.
suppressMessages({library(lavaan); library(psych); library(semTools); library(jsonlite); library(GPArotation)})
R <- list()
fm_keys <- c("chisq","df","pvalue","cfi","tli","rmsea","rmsea.ci.lower","rmsea.ci.upper","srmr","aic","bic","logl","npar","ntotal")
pe <- function(fit) { p <- parameterEstimates(fit, standardized=TRUE); p[, intersect(c("lhs","op","rhs","group","est","se","z","pvalue","std.all"), names(p))] }
fitrec <- function(fit, keys=fm_keys) list(fit=as.list(fitMeasures(fit, intersect(keys, names(fitMeasures(fit))))), parameters=pe(fit))

hs <- HolzingerSwineford1939
m3 <- ' visual =~ x1 + x2 + x3
        textual =~ x4 + x5 + x6
        speed =~ x7 + x8 + x9 '
R$hs_cfa3 <- fitrec(cfa(m3, hs))
R$hs_cfa3_stdlv <- fitrec(cfa(m3, hs, std.lv=TRUE))
# invariance by school
cfg <- cfa(m3, hs, group="school"); met <- cfa(m3, hs, group="school", group.equal="loadings")
sca <- cfa(m3, hs, group="school", group.equal=c("loadings","intercepts"))
str <- cfa(m3, hs, group="school", group.equal=c("loadings","intercepts","residuals"))
R$hs_invariance <- list(configural=as.list(fitMeasures(cfg, fm_keys)), metric=as.list(fitMeasures(met, fm_keys)),
  scalar=as.list(fitMeasures(sca, fm_keys)), strict=as.list(fitMeasures(str, fm_keys)),
  lrt=as.data.frame(lavTestLRT(cfg, met, sca, str)))

# EFA
X9 <- hs[, paste0("x", 1:9)]
efa <- function(x, nf, fm, rot) { f <- fa(x, nf, fm=fm, rotate=rot); list(loadings=unclass(f$loadings), phi=f$Phi, communality=f$communality, uniqueness=f$uniquenesses, objective=f$objective, statistic=f$STATISTIC, dof=f$dof, rmsea=f$RMSEA[1], tli=f$TLI, bic=f$BIC) }
R$hs_efa_minres_oblimin <- efa(X9, 3, "minres", "oblimin")
R$hs_efa_ml_varimax <- efa(X9, 3, "ml", "varimax")
R$hs_efa_pa_promax <- efa(X9, 3, "pa", "promax")
R$hs_efa_ml_geomin <- efa(X9, 3, "ml", "geominQ")
data(bfi, package="psych"); B <- bfi[, 1:25]
R$bfi_efa_minres_oblimin5 <- efa(B, 5, "minres", "oblimin")
R$bfi_kmo <- list(msa=KMO(B)$MSA, msai=KMO(B)$MSAi)
R$bfi_bartlett <- cortest.bartlett(cor(B, use="pairwise"), n=nrow(B))
R$eigen_bfi <- eigen(cor(B, use="pairwise"))$values

# Reliability on bfi scales (psych conventions: pairwise correlations, reverse keys)
keys <- list(A=c("-A1","A2","A3","A4","A5"), C=c("C1","C2","C3","-C4","-C5"), E=c("-E1","-E2","E3","E4","E5"),
             N=c("N1","N2","N3","N4","N5"), O=c("O1","-O2","O3","O4","-O5"))
rel <- list()
for (s in names(keys)) {
  k <- keys[[s]]; nm <- sub("^-", "", k); rev <- nm[grepl("^-", k)]
  a <- suppressWarnings(alpha(bfi[, nm], keys=rev))
  x <- bfi[, nm]; for (r in rev) x[[r]] <- 7 - x[[r]]
  om <- suppressWarnings(suppressMessages(omega(x, nfactors=1, plot=FALSE)))
  onef <- cfa(paste0("f =~ ", paste(nm, collapse=" + ")), data=x)
  rel[[s]] <- list(items=nm, reversed=rev, raw_alpha=a$total$raw_alpha, std_alpha=a$total$std.alpha, G6=a$total[["G6(smc)"]],
    average_r=a$total$average_r, mean=a$total$mean, sd=a$total$sd, alpha_if_deleted=a$alpha.drop$raw_alpha,
    r_drop=a$item.stats$r.drop, r_cor=a$item.stats$r.cor, omega_total_psych=om$omega.tot,
    omega_compRelSEM=as.numeric(compRelSEM(onef)), alpha_ci=list(feldt_lower=a$feldt$lower.ci, feldt_upper=a$feldt$upper.ci))
}
R$bfi_reliability <- rel
# scale scores: psych::scoreItems means with reverse keys (missing: impute="none" gives mean of available)
sk <- scoreItems(make.keys(B, keys), B, impute="none", totals=FALSE)
R$bfi_scores_head <- head(sk$scores, 20)
R$bfi_scores_colmeans <- colMeans(sk$scores, na.rm=TRUE)

# polychoric (psych default correct=.5, global thresholds) and lavaan lavCor
pc <- polychoric(bfi[, 1:10])
R$bfi_polychoric10 <- list(rho=pc$rho, tau=pc$tau)
R$bfi_lavcor10 <- unclass(lavCor(bfi[, 1:10], ordered=names(bfi)[1:10]))

# simulated alliance data (shared/data/alliance_en_nb.csv)
al <- read.csv("../alliance_en_nb.csv")
items <- paste0("i", 1:12)
mal <- ' goal =~ i1 + i2 + i3 + i4
         task =~ i5 + i6 + i7 + i8
         bond =~ i9 + i10 + i11 + i12 '
R$alliance_ml_listwise <- fitrec(cfa(mal, al))
R$alliance_ml_fiml <- fitrec(cfa(mal, al, missing="ml"))
R$alliance_wlsmv <- fitrec(cfa(mal, al, ordered=items, missing="pairwise"), c(fm_keys, "chisq.scaled","df.scaled","pvalue.scaled","cfi.scaled","tli.scaled","rmsea.scaled","cfi.robust","rmsea.robust"))
R$alliance_inv <- list(
  configural=as.list(fitMeasures(cfa(mal, al, group="lang"), fm_keys)),
  metric=as.list(fitMeasures(mmet <- cfa(mal, al, group="lang", group.equal="loadings"), fm_keys)),
  scalar=as.list(fitMeasures(msca <- cfa(mal, al, group="lang", group.equal=c("loadings","intercepts")), fm_keys)),
  score_metric=lavTestScore(mmet)$uni, score_scalar=lavTestScore(msca)$uni, partable_scalar=parTable(msca)[, c("lhs","op","rhs","group","label","plabel")])
write_json(R, "lavaan_psych_reference.json", digits=NA, auto_unbox=TRUE, pretty=TRUE, matrix="rowmajor", dataframe="rows", na="null")
cat("written\n")
