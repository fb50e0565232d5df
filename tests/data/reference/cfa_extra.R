# Extra CFA reference figures for psym-sem's tests (lavaan 0.6, Debian's r-cran-lavaan).
# Run in this folder: Rscript cfa_extra.R  -> writes cfa_extra.json
suppressMessages({library(lavaan); library(jsonlite)})
R <- list()
R$versions <- list(lavaan = as.character(packageVersion("lavaan")), R = R.version.string)
fm_keys <- c("npar","ntotal","chisq","df","pvalue","baseline.chisq","baseline.df","cfi","tli","rmsea",
             "rmsea.ci.lower","rmsea.ci.upper","rmsea.pvalue","srmr","logl","unrestricted.logl","aic","bic","bic2")
robust_keys <- c("chisq.scaled","chisq.scaling.factor","pvalue.scaled","baseline.chisq.scaled",
                 "baseline.chisq.scaling.factor","cfi.scaled","tli.scaled","cfi.robust","tli.robust",
                 "rmsea.scaled","rmsea.robust")
pe <- function(fit) { p <- parameterEstimates(fit, standardized=TRUE)
  p[, intersect(c("lhs","op","rhs","group","label","est","se","z","pvalue","std.lv","std.all"), names(p))] }
rec <- function(fit, keys=fm_keys) {
  fm <- fitMeasures(fit); list(fit=as.list(fm[intersect(keys, names(fm))]), parameters=pe(fit),
  r2=as.list(lavInspect(fit, "rsquare")), converged=lavInspect(fit, "converged")) }

hs <- HolzingerSwineford1939
al <- read.csv("../alliance_en_nb.csv")
m3 <- 'visual =~ x1 + x2 + x3
       textual =~ x4 + x5 + x6
       speed =~ x7 + x8 + x9'

# correlated residuals and a cross-loading
R$hs_resid_cross <- rec(cfa('visual =~ x1 + x2 + x3 + x9
  textual =~ x4 + x5 + x6
  speed =~ x7 + x8 + x9
  x7 ~~ x8
  x2 ~~ x3', hs))
# fixed parameters, labels (equality), a fixed covariance and a user start value
R$hs_fixed_labels <- rec(cfa('visual =~ x1 + a*x2 + a*x3
  textual =~ x4 + b*x5 + b*x6
  speed =~ x7 + 0.8*x8 + start(1)*x9
  visual ~~ 0*speed
  x9 ~~ 0.5*x9', hs))
# second-order factor
R$hs_second_order <- rec(cfa(paste(m3, '\n g =~ visual + textual + speed'), hs))
# Heywood case: x8 gets a negative residual variance
R$hs_heywood <- rec(suppressWarnings(cfa('f =~ x1 + x2 + x3
  g =~ x7 + x8', hs)))
# MLR (complete data): sandwich SEs and Yuan-Bentler scaled test
R$hs_mlr <- rec(cfa(m3, hs, estimator="MLR"), c(fm_keys, robust_keys))
# MLR with FIML on the alliance data
mal <- 'goal =~ i1 + i2 + i3 + i4
        task =~ i5 + i6 + i7 + i8
        bond =~ i9 + i10 + i11 + i12'
R$alliance_mlr_fiml <- rec(cfa(mal, al, estimator="MLR", missing="ml"), c(fm_keys, robust_keys))
# observed information on complete data
R$hs_observed <- rec(cfa(m3, hs, information="observed"))
# modification indices (expected information, as lavaan's default)
fit3 <- cfa(m3, hs)
mi <- modindices(fit3)
R$hs_modindices <- mi[, c("lhs","op","rhs","mi","epc","sepc.all")]
# residual correlations (type "cor.bollen" as printed by resid(fit, type = "cor"))
R$hs_resid_cor <- list(cov=unclass(resid(fit3, type="cor")$cov))
# likelihood-ratio test: orthogonal factors nested in the correlated three-factor model,
# and a one-factor model
fit_orth <- cfa(m3, hs, orthogonal=TRUE)
fit_1 <- cfa('g =~ x1 + x2 + x3 + x4 + x5 + x6 + x7 + x8 + x9', hs)
R$hs_lrt <- as.data.frame(lavTestLRT(fit3, fit_orth, fit_1))
R$hs_lrt_rows <- rownames(R$hs_lrt)
# scaled difference test under MLR (lavaan's default for MLR: Satorra & Bentler 2001)
R$hs_lrt_mlr <- as.data.frame(lavTestLRT(cfa(m3, hs, estimator="MLR"), cfa(m3, hs, estimator="MLR", orthogonal=TRUE)))
# an unidentified model: two indicators, one factor
fu <- suppressWarnings(cfa('f =~ x1 + x2', hs))
R$hs_unidentified <- list(npar=fitMeasures(fu, "npar"), df=fitMeasures(fu, "df"))
write_json(R, "cfa_extra.json", digits=NA, auto_unbox=TRUE, pretty=TRUE, matrix="rowmajor", dataframe="rows", na="null")
cat("written\n")
