# Reference figures for psym's model-syntax features (lavaan 0.6, Debian's r-cran-lavaan):
# per-group vector modifiers, group.partial, defined parameters (:=) with delta-method standard
# errors and equality constraints (==).
# Run in this folder: Rscript model_syntax.R  -> writes model_syntax.json
suppressMessages({library(lavaan); library(jsonlite)})
R <- list()
R$versions <- list(lavaan = as.character(packageVersion("lavaan")), R = R.version.string)
fm_keys <- c("npar","chisq","df","pvalue","cfi","tli","rmsea","srmr","logl","aic","bic")
rec <- function(fit) {
  p <- parameterEstimates(fit, standardized = TRUE)
  if (is.null(p$group)) p$group <- ifelse(p$op == ":=", 0L, 1L)
  if (is.null(p$label)) p$label <- ""
  fm <- fitMeasures(fit)
  list(fit = as.list(fm[intersect(fm_keys, names(fm))]),
       parameters = p[, c("lhs","op","rhs","group","label","est","se","std.lv","std.all")],
       converged = lavInspect(fit, "converged"),
       group_labels = as.list(lavInspect(fit, "group.label")))
}
hs <- HolzingerSwineford1939
al <- read.csv("../alliance_en_nb.csv")

# Per-group labels, fixed/free and start values (groups: schools in order of appearance,
# Pasteur then Grant-White), and defined parameters of per-group labels.
R$hs_vectors <- rec(cfa('visual =~ x1 + c(a1, a2)*x2 + c(b1, b2)*x3
  textual =~ x4 + c(1, NA)*x5 + start(c(1.1, 1.2))*x6
  speed =~ x7 + x8 + x9
  ratio1 := a1/b1
  diff := a1 - a2', hs, group = "school"))

# group.partial: loadings and intercepts equal across schools except visual =~ x2 and x3 ~ 1.
R$hs_partial <- rec(cfa('visual =~ x1 + x2 + x3
  textual =~ x4 + x5 + x6
  speed =~ x7 + x8 + x9', hs, group = "school",
  group.equal = c("loadings", "intercepts"), group.partial = c("visual=~x2", "x3~1")))

# The alliance example by language with the issue's group.partial.
R$alliance_partial <- rec(cfa('goal =~ i1 + i2 + i3 + i4
  task =~ i5 + i6 + i7 + i8
  bond =~ i9 + i10 + i11 + i12', al, group = "lang",
  group.equal = c("loadings", "intercepts"), group.partial = c("task=~i7", "i10~1")))

# Defined parameters (a product, a ratio, a function of a definition) and equality
# constraints between labels and with a number, in one group.
R$hs_defined <- rec(cfa('visual =~ x1 + a*x2 + b*x3
  textual =~ x4 + c*x5 + d*x6
  speed =~ x7 + e*x8 + x9
  c == d
  e == 1.2
  ab := a*b
  ratio := a/b
  sq := sqrt(ab) - 2*a^2', hs))

# A label shared by the fixed marker loading and a free loading: lavaan fixes both at 1.
R$hs_label_on_marker <- rec(cfa('f =~ a*x1 + a*x2 + x3', hs))

# The two-factor model that tests/model_syntax.rs builds from an instrument whose ids hold
# '-' and '.' (the columns x1..x6 renamed).
R$hs_two_factor <- rec(cfa('visual =~ x1 + x2 + x3
  textual =~ x4 + x5 + x6', hs))

write_json(R, "model_syntax.json", digits = NA, auto_unbox = TRUE, pretty = TRUE)
