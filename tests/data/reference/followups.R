# Reference figures for issue 9 point 4 with groups (tests/data/reference/followups.json): rows used, rows read
# and missing-data patterns of each group of a multi-group CFA (lavaan's "Number of observations per group:
# Used Total" and "Number of missing patterns per group").
# lavaan 0.6-14, R 4.2.2 (Debian packages). Run in this folder:   Rscript followups.R   (writes followups.json)
suppressMessages({library(lavaan); library(jsonlite)})

d <- read.csv("../alliance_en_nb.csv")   # the same file as docs/examples/alliance_en_nb.csv
items <- paste0("i", 1:12)
model <- "goal =~ i1 + i2 + i3 + i4\n task =~ i5 + i6 + i7 + i8\n bond =~ i9 + i10 + i11 + i12"
lw <- cfa(model, data = d, group = "lang")
fiml <- cfa(model, data = d, group = "lang", missing = "ml")
groups <- lavInspect(lw, "group.label")
# patterns among the rows read of each group (complete rows are one pattern)
read_patterns <- sapply(groups, function(g) nrow(unique(is.na(d[d$lang == g, items]))))
out <- list(source = paste("lavaan", packageVersion("lavaan"), R.version.string))
out$cfa_group_listwise <- list(
  call = "lavaan::cfa(model, data = d, group = \"lang\")",
  groups = groups,
  n_used = unname(unlist(lavInspect(lw, "nobs"))),
  n_total = unname(unlist(lavInspect(lw, "norig"))),
  patterns_read = unname(read_patterns))
out$cfa_group_fiml <- list(
  call = "lavaan::cfa(model, data = d, group = \"lang\", missing = \"ml\")",
  groups = lavInspect(fiml, "group.label"),
  n_used = unname(unlist(lavInspect(fiml, "nobs"))),
  n_total = unname(unlist(lavInspect(fiml, "norig"))),
  patterns = unname(sapply(lavInspect(fiml, "patterns"), nrow)))
writeLines(toJSON(out, auto_unbox = TRUE, digits = NA, pretty = TRUE), "followups.json")
