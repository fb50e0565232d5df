# Reference figures for issue 9 points 3 and 4 (tests/data/reference/honest_n.json):
# - polychoric correlations on sparse ordinal data with empty table cells (psych's default for empty cells);
# - rows used, rows read and missing-data patterns under listwise deletion and FIML (lavaan's "Used / Total").
# psych 2.2.9, lavaan 0.6-14, R 4.2.2 (Debian packages). Run in this folder:
#   Rscript honest_n.R   (writes ../sparse_ordinal.csv and honest_n.json)
suppressMessages({library(psych); library(lavaan); library(jsonlite)})

# --- Sparse ordinal data: 80 respondents, 6 five-point items from one factor, extreme answers rare, so many of
# the 5 x 5 tables have empty cells. Every item uses all five answers, so psych keeps its global thresholds.
set.seed(20261125)
n <- 80; p <- 6
f <- rnorm(n)
lam <- c(.8, .75, .7, .65, .6, .55)
x <- sapply(1:p, function(j) lam[j] * f + sqrt(1 - lam[j]^2) * rnorm(n))
y <- apply(x, 2, function(v) findInterval(v, c(-1.6, -0.7, 0.5, 1.5)) + 1)
colnames(y) <- paste0("q", 1:p)
stopifnot(all(apply(y, 2, function(v) length(unique(v))) == 5))
write.csv(data.frame(id = 1:n, y), "../sparse_ordinal.csv", row.names = FALSE, quote = FALSE)

pc <- polychoric(y)                       # psych's defaults: global = TRUE, correct = .5, smooth = TRUE
pc0 <- polychoric(y, correct = 0)         # no continuity correction at all
fa1 <- fa(y, nfactors = 1, cor = "poly")  # minres on the polychoric matrix
empty <- sum(unlist(lapply(2:p, function(j) sapply(1:(j - 1), function(k)
  sum(table(factor(y[, j], levels = 1:5), factor(y[, k], levels = 1:5)) == 0)))))
out <- list(source = paste("psych", packageVersion("psych"), "lavaan", packageVersion("lavaan"), R.version.string))
# The same items with q6's top answer (5) merged into 4: the items' highest answers now differ, so psych switches
# to per-pair thresholds (global = FALSE, with a warning) and adds correct = .5 to the empty cells of each table.
y2 <- y
y2[y2[, 6] == 5, 6] <- 4
pc2 <- suppressWarnings(polychoric(y2))
out$sparse_polychoric <- list(
  call = "psych::polychoric(y) on ../sparse_ordinal.csv (q1-q6)",
  rho = unname(pc$rho), tau = unname(pc$tau),
  max_diff_correct0 = max(abs(pc$rho - pc0$rho)),   # 0: the default applies no correction with global thresholds
  empty_cells = empty,
  fa1_loadings = unname(as.vector(fa1$loadings)))
out$sparse_polychoric_unequal <- list(
  call = "psych::polychoric(y2), y2 = y with q6 == 5 recoded to 4 (global set to FALSE by psych)",
  rho = unname(pc2$rho))

# --- Rows used and rows read: the alliance data (1000 rows, about 1.5% of answers missing).
d <- read.csv("../alliance_en_nb.csv")
items <- paste0("i", 1:12)
rows <- function(cols) {
  m <- is.na(d[, cols])
  list(items = cols, n_total = nrow(d), n_used = sum(complete.cases(d[, cols])), patterns = nrow(unique(m)))
}
out$rows_goal <- rows(paste0("i", 1:4))
out$rows_all <- rows(items)

model <- "goal =~ i1 + i2 + i3 + i4\n task =~ i5 + i6 + i7 + i8\n bond =~ i9 + i10 + i11 + i12"
lw <- cfa(model, data = d)
fiml <- cfa(model, data = d, missing = "ml")
out$cfa_listwise <- list(call = "lavaan::cfa(model, data = d)",
  n_used = lavInspect(lw, "nobs"), n_total = lavInspect(lw, "norig"))
out$cfa_fiml <- list(call = "lavaan::cfa(model, data = d, missing = \"ml\")",
  n_used = lavInspect(fiml, "nobs"), n_total = lavInspect(fiml, "norig"),
  patterns = nrow(lavInspect(fiml, "patterns")))
writeLines(toJSON(out, auto_unbox = TRUE, digits = NA, pretty = TRUE), "honest_n.json")
