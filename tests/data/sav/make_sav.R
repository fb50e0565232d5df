# Writes the SPSS fixtures of tests/data/sav with R's haven (ReadStat inside), as users' R
# scripts and SPSS exports write them. Run in this folder: Rscript make_sav.R
# (haven 2.5.1, R 4.2.2 from Debian's packages: apt-get install r-cran-haven).
# Each file is small on purpose; PROVENANCE.md in this folder says what each one holds.
library(haven)

anchors <- c("Never" = 1, "Rarely" = 2, "Occasionally" = 3, "Sometimes" = 4,
             "Often" = 5, "Very often" = 6, "Always" = 7)

item <- function(x, text, na_values = NULL, na_range = NULL) {
  labelled_spss(x, labels = c(anchors, "Not answered" = 9, "Refused" = 99),
                na_values = na_values, na_range = na_range, label = text)
}

alliance <- data.frame(
  id = c("r01", "r02", "r03", "r04", "r05"),
  stringsAsFactors = FALSE
)
# i1: discrete user-missing 9 and 99; i2: a user-missing range 90..99 and the discrete 9;
# i3: no user-missing values (9 stays 9, out of range for a 1-7 scale); i4: a system-missing value.
alliance$i1 <- item(c(1, 7, 9, 4, 99), "We agree on what is important to work on.", na_values = c(9, 99))
alliance$i2 <- item(c(2, 95, 6, 9, 3), "My caseworker and I trust one another.", na_values = 9, na_range = c(90, 99))
alliance$i3 <- item(c(3, 4, 5, 6, 9), "We agree on the steps to take.")
alliance$i4 <- item(c(4, 5, NA, 2.5, 1), "I feel my caseworker appreciates me.")
alliance$age <- labelled(c(34, 51, 27, 45, 38), label = "Age in years")
alliance$lang <- labelled(c("nb", "en", "nb", "en", "nb"), labels = c("Norsk" = "nb", "English" = "en"),
                          label = "Questionnaire language")
alliance$comment <- c(
  strrep("Lang kommentar om samarbeidet med NAV-veilederen. ", 7),  # 357 bytes: a very long string
  "Kort.", "", "Blåbærsyltetøy og æøå", "Straße, naïve café"
)
attr(alliance$comment, "label") <- "Free-text comment"
alliance$visit <- as.Date(c("2026-03-01", "2026-03-02", NA, "2026-03-04", "2026-03-05"))

write_sav(alliance, "alliance_utf8.sav")                  # bytecode compression (haven's default)
write_sav(alliance, "alliance_plain.sav", compress = "none")
write_sav(alliance, "alliance.zsav", compress = "zsav")

# What haven reads back, for the Rust tests' expectations (values with user-missing kept as
# codes, and as NA when user_na = FALSE, haven's default).
back <- read_sav("alliance_utf8.sav", user_na = TRUE)
str(back)
