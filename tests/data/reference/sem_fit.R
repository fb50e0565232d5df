# Reference figures for psym-sem's starting values and convergence (issue 9, points 1 and 2).
# lavaan 0.6-14, R 4.2.2 (Debian's r-cran-lavaan). Run in this folder: Rscript sem_fit.R
# -> writes ../growth.csv (simulated, seed below) and sem_fit.json
suppressMessages({library(lavaan); library(jsonlite)})
R <- list()
R$versions <- list(lavaan = as.character(packageVersion("lavaan")), R = R.version.string)
keys <- c("npar", "ntotal", "chisq", "df", "pvalue", "baseline.chisq", "baseline.df", "cfi", "tli",
          "rmsea", "srmr", "logl", "unrestricted.logl", "aic", "bic",
          "chisq.scaled", "chisq.scaling.factor", "cfi.robust", "rmsea.robust")
rec <- function(fit) {
  fm <- fitMeasures(fit)
  p <- parameterEstimates(fit, standardized = TRUE)
  list(fit = as.list(fm[intersect(keys, names(fm))]),
       parameters = p[, intersect(c("lhs", "op", "rhs", "est", "se", "z", "std.lv", "std.all"),
                                  names(p))],
       converged = lavInspect(fit, "converged"),
       iterations = lavInspect(fit, "iterations"),
       gradient_max = max(abs(lavInspect(fit, "gradient"))))
}

# 1. A linear latent growth model (the marker loading of the slope is 0). The data are
#    simulated here, with a fixed seed, from a growth model with a time-varying residual
#    variance, so that psym's repository holds no third-party data for this test.
set.seed(20261125)
n <- 400
i <- rnorm(n, 5, 1)
s <- 0.4 * (i - 5) + rnorm(n, 1, 0.5)
t <- sapply(0:3, function(k) i + k * s + rnorm(n, 0, c(0.6, 0.5, 0.6, 0.8)[k + 1]))
growth_data <- data.frame(id = seq_len(n), round(t, 4))
names(growth_data)[2:5] <- paste0("t", 1:4)
write.csv(growth_data, "../growth.csv", row.names = FALSE)
growth_data <- read.csv("../growth.csv")
m_growth <- 'i =~ 1*t1 + 1*t2 + 1*t3 + 1*t4
             s =~ 0*t1 + 1*t2 + 2*t3 + 3*t4'
# growth(): intercepts of t1-t4 fixed at 0, means of i and s free, i ~~ s free.
R$growth <- rec(growth(m_growth, data = growth_data))

# 2a. The bifactor model of `psym cfa --alliance-models` (a general factor on all twelve items,
#     goal, task and bond on their four, every factor covariance fixed at 0; the first loading
#     of each factor fixed at 1) under FIML, on the bundled alliance example.
al <- read.csv("../alliance_en_nb.csv", na.strings = c("", "NA", "9", "99"))
m_bif <- 'general =~ i1 + i2 + i3 + i4 + i5 + i6 + i7 + i8 + i9 + i10 + i11 + i12
          goal =~ i1 + i2 + i3 + i4
          task =~ i5 + i6 + i7 + i8
          bond =~ i9 + i10 + i11 + i12
          general ~~ 0*goal + 0*task + 0*bond
          goal ~~ 0*task + 0*bond
          task ~~ 0*bond'
R$alliance_bifactor_fiml <- rec(cfa(m_bif, data = al, missing = "ml"))

# 2b. A two-factor model with two indicators per factor under MLR (a flat likelihood:
#     the factors are identified only through their covariance), marker and std.lv.
hs <- read.csv("../HolzingerSwineford1939.csv")
m_two <- 'f1 =~ x1 + x2
          f2 =~ x4 + x5'
R$hs_two_indicator_mlr <- rec(cfa(m_two, data = hs, estimator = "MLR"))
R$hs_two_indicator_mlr_std_lv <- rec(cfa(m_two, data = hs, estimator = "MLR", std.lv = TRUE))

writeLines(toJSON(R, auto_unbox = TRUE, digits = NA, pretty = TRUE), "sem_fit.json")
