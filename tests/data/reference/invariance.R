# Reference figures for `psym invariance`: lavaan 0.6-14 + semTools 0.5-6 (Debian packages), the invariance
# ladder configural -> metric -> scalar -> strict -> means, each step nested in the previous one.
# Run in this folder: Rscript invariance.R   (writes invariance.json)
suppressMessages({library(lavaan); library(semTools); library(jsonlite)})
keys <- c("chisq","df","pvalue","cfi","tli","rmsea","rmsea.ci.lower","rmsea.ci.upper","srmr","aic","bic","logl","npar","ntotal")
skeys <- c("chisq.scaled","pvalue.scaled","chisq.scaling.factor","cfi.scaled","tli.scaled","rmsea.scaled",
           "rmsea.ci.lower.scaled","rmsea.ci.upper.scaled","cfi.robust","tli.robust","rmsea.robust")
steps <- list(configural="", metric="loadings", scalar=c("loadings","intercepts"),
              strict=c("loadings","intercepts","residuals"), means=c("loadings","intercepts","residuals","means"))

ladder <- function(model, data, group, ...) {
  fits <- lapply(steps, function(eq) cfa(model, data, group=group, group.equal=eq, ...))
  scaled <- lavInspect(fits[[1]], "options")$test != "standard"
  fk <- if (scaled) c(keys, skeys) else keys
  out <- list(steps=lapply(fits, function(f) {
    tst <- lavInspect(f, "test")[[1]]
    list(fit=as.list(fitMeasures(f, fk)), group_n=as.list(lavInspect(f, "nobs")),
         group_chisq=as.numeric(tst$stat.group))
  }))
  # each step against the previous one: lavTestLRT (scaled difference of Satorra & Bentler 2001 under MLR)
  out$lrt <- lapply(2:length(fits), function(i) {
    a <- as.data.frame(lavTestLRT(fits[[i-1]], fits[[i]]))
    list(step=names(fits)[i], chisq_diff=a[2, "Chisq diff"], df_diff=a[2, "Df diff"], pvalue=a[2, "Pr(>Chisq)"])
  })

  out$groups <- lavInspect(fits[[1]], "group.label")
  out
}

R <- list()
hs <- HolzingerSwineford1939
m3 <- ' visual =~ x1 + x2 + x3
        textual =~ x4 + x5 + x6
        speed =~ x7 + x8 + x9 '
R$hs_ml <- ladder(m3, hs, "school")
R$hs_mlr <- ladder(m3, hs, "school", estimator="MLR")

al <- read.csv("../alliance_en_nb.csv")
mal <- ' goal =~ i1 + i2 + i3 + i4
         task =~ i5 + i6 + i7 + i8
         bond =~ i9 + i10 + i11 + i12 '
R$alliance_ml <- ladder(mal, al, "lang")
R$alliance_mlr <- ladder(mal, al, "lang", estimator="MLR")
R$alliance_fiml <- ladder(mal, al, "lang", missing="ml")
R$alliance_fiml_mlr <- ladder(mal, al, "lang", missing="ml", estimator="MLR")
# Four groups (school x sex, in order of appearance), with the univariate score tests at the
# metric and scalar steps.
hs4 <- read.csv("../HolzingerSwineford1939.csv")
hs4$schoolsex <- paste(hs4$school, ifelse(hs4$sex == 1, "boys", "girls"), sep = "-")
R$hs4_ml <- ladder(m3, hs4, "schoolsex")
uni <- function(eq) lavTestScore(cfa(m3, hs4, group = "schoolsex", group.equal = eq))$uni$X2
R$hs4_ml$score_uni <- list(metric = uni("loadings"), scalar = uni(c("loadings", "intercepts")))
write_json(R, "invariance.json", digits=NA, auto_unbox=TRUE, pretty=TRUE, na="null")
