# Round trip: what `psym score --out FILE.sav` writes, haven reads back with the same values
# and labels. Not part of the test suite (which must not need R); run it after changing the
# SPSS writer, from the repository root:
#   cargo build && Rscript tests/data/sav/roundtrip.R target/debug/psym
# (haven 2.5.1, R 4.2.2). It stops with an error at the first difference.
library(haven)

args <- commandArgs(trailingOnly = TRUE)
psym <- if (length(args) > 0) args[[1]] else "target/debug/psym"
dir <- tempfile("psym-roundtrip")
dir.create(dir)
run <- function(...) {
  status <- system2(psym, c(...))
  if (!(status %in% c(0, 1))) stop("psym failed with exit status ", status)
}
check <- function(ok, what) if (!isTRUE(ok)) stop("round trip: ", what) else cat("ok:", what, "\n")

# 1. The bundled alliance responses (1,000 rows): scores as SPSS and as CSV.
instrument <- "instruments/open-alliance-12.json"
data <- "docs/examples/alliance_en_nb.csv"
run("score", "--instrument", instrument, "--keep", "lang", data, "--out", file.path(dir, "scores.sav"))
run("score", "--instrument", instrument, "--keep", "lang", data, "--out", file.path(dir, "scores.csv"))
sav <- read_sav(file.path(dir, "scores.sav"))
csv <- read.csv(file.path(dir, "scores.csv"), colClasses = c(id = "character", lang = "character",
                                                               problems = "character"))
csv$problems[is.na(csv$problems)] <- ""
check(identical(names(sav), names(csv)), "the same columns as the CSV output")
check(nrow(sav) == nrow(csv), "the same number of rows")
check(identical(as.character(sav$id), csv$id), "ids as text")
check(identical(as.character(sav$lang), csv$lang), "kept column")
for (s in c("goal", "task", "bond", "total")) {
  check(identical(is.na(sav[[s]]), is.na(csv[[s]])), paste(s, "missing where the CSV is blank"))
  # CSV numbers are written in their shortest round-trip form: equal to the doubles exactly
  check(all(as.numeric(sav[[s]]) == csv[[s]], na.rm = TRUE), paste(s, "values identical"))
}
check(identical(attr(sav$goal, "label"), "Agreement on goals (mean of 4 items)"), "variable label of goal")
check(identical(attr(sav$total, "label"), "Working alliance (total) (mean of 12 items)"), "variable label of total")
check(identical(as.character(sav$problems), csv$problems), "problems column")

# 2. A haven file in, an SPSS file out: a very long string and UTF-8 text pass through.
run("score", "--instrument", "tests/data/sav/items4.json", "--keep", "lang,comment",
    "tests/data/sav/alliance_utf8.sav", "--out", file.path(dir, "from_sav.sav"))
orig <- read_sav("tests/data/sav/alliance_utf8.sav")
back <- read_sav(file.path(dir, "from_sav.sav"))
check(identical(as.character(back$comment), as.character(orig$comment)), "a 349-byte string and UTF-8 text")
check(identical(as.character(back$id), as.character(orig$id)), "ids")
check(isTRUE(all.equal(as.numeric(back$total), c(2.5, 16 / 3, 5.5, 5, 2))), "scores of the user-missing fixture")
# 3. Score bands: codes 1 … with the band names as value labels; norms as numbers.
bands <- "docs/examples/alliance-bands.json"
run("score", "--instrument", bands, data, "--out", file.path(dir, "bands.sav"))
run("score", "--instrument", bands, data, "--out", file.path(dir, "bands.csv"))
run("norms", "--instrument", instrument, data, "--out", file.path(dir, "norms.json"))
run("score", "--instrument", instrument, data, "--norms", file.path(dir, "norms.json"),
    "--out", file.path(dir, "normed.sav"))
run("score", "--instrument", instrument, data, "--norms", file.path(dir, "norms.json"),
    "--out", file.path(dir, "normed.csv"))
sav <- read_sav(file.path(dir, "bands.sav"))
csv <- read.csv(file.path(dir, "bands.csv"), colClasses = "character")
names_en <- c("very weak", "weak", "moderate", "strong", "very strong")
for (s in c("goal", "task", "bond", "total")) {
  b <- sav[[paste0(s, "_band")]]
  check(identical(unname(attr(b, "labels")), as.numeric(1:5)), paste(s, "band codes 1-5"))
  check(identical(names(attr(b, "labels")), names_en), paste(s, "band value labels"))
  text <- as.character(as_factor(b))
  text[is.na(text)] <- ""
  check(identical(text, csv[[paste0(s, "_band")]]), paste(s, "band of every row as in the CSV"))
}
check(identical(attr(sav$goal_band, "label"), "Agreement on goals: band"), "variable label of goal_band")
sav <- read_sav(file.path(dir, "normed.sav"))
csv <- read.csv(file.path(dir, "normed.csv"), colClasses = c(id = "character", problems = "character"))
for (col in c("goal_percentile", "goal_t", "goal_stanine", "total_t")) {
  check(all(as.numeric(sav[[col]]) == csv[[col]], na.rm = TRUE), paste(col, "values identical"))
}
check(identical(attr(sav$goal_t, "label"), "goal: normalised T-score (norms)"), "variable label of goal_t")
cat("round trip: all checks passed\n")
