//! The OLE2 compound file around an Excel 97–2003 workbook (Microsoft's MS-CFB): a small file
//! system of fixed-size sectors whose chains are listed in a file allocation table (FAT).
//!
//! Only what a workbook needs is read: the header, the DIFAT (where the FAT's own sectors are),
//! the FAT, the directory, and one stream at the root (regular sectors, or 64-byte mini sectors
//! inside the root's mini stream for streams under the cutoff). Every sector id is checked
//! against the sectors the file really has, every chain is followed at most as many steps as
//! the table has entries (a chain that loops is reported, not followed for ever), and every
//! declared size is checked against the file's size before anything is reserved, so memory
//! follows the file, never what it declares.

use super::super::WorkbookProblem;

/// The eight bytes every compound file starts with.
const MAGIC: [u8; 8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

/// FAT entries that end a chain or mark free and special sectors (MS-CFB 2.2): every value
/// from `MAXREGSECT + 1` up is not a sector id.
const MAX_REGULAR_SECTOR: u32 = 0xFFFF_FFFA;
const END_OF_CHAIN: u32 = 0xFFFF_FFFE;
const FREE_SECTOR: u32 = 0xFFFF_FFFF;

/// Size of a directory entry and of a mini sector, in bytes.
const ENTRY: usize = 128;
const MINI_SECTOR: usize = 64;

/// Entry ids in the directory's tree that mean "none".
const NO_STREAM: u32 = 0xFFFF_FFFF;

fn damaged(message: impl Into<String>) -> WorkbookProblem {
    WorkbookProblem::new("workbook", message)
}

/// A stream at the root of the compound file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Entry {
    /// The stream's name, as its directory entry spells it.
    pub name: String,
    start: u32,
    size: u64,
}

/// A compound file held in memory, with its FAT read and checked.
pub(super) struct Compound<'a> {
    bytes: &'a [u8],
    /// Sector size: 512 (version 3) or 4096 (version 4) bytes.
    sector: usize,
    /// Sectors the file really holds after the header (the last may be cut short).
    sectors: u32,
    fat: Vec<u32>,
    header: &'a [u8],
}

impl<'a> Compound<'a> {
    /// Reads the header, the DIFAT and the FAT of the compound file in `bytes`.
    pub fn open(bytes: &'a [u8]) -> Result<Self, WorkbookProblem> {
        let header = bytes
            .get(..512)
            .filter(|h| h.starts_with(&MAGIC))
            .ok_or_else(|| {
                damaged("not a readable Excel 97–2003 workbook: the file is too short or does not start like an OLE2 compound file")
            })?;
        let shift = u16_at(header, 0x1E);
        let sector = match (u16_at(header, 0x1A), shift) {
            (3, 9) => 512,
            (4, 12) => 4096,
            (version, shift) => {
                return Err(damaged(format!(
                    "not a readable Excel 97–2003 workbook: compound-file version {version} with 2^{shift}-byte sectors (expected version 3 with 512 or version 4 with 4096)"
                )));
            }
        };
        let body = bytes.len().saturating_sub(sector);
        let sectors = u32::try_from(body.div_ceil(sector)).unwrap_or(u32::MAX);
        let mut compound = Compound {
            bytes,
            sector,
            sectors,
            fat: Vec::new(),
            header,
        };
        compound.fat = compound.read_fat()?;
        Ok(compound)
    }

    /// The FAT: the sectors the header's 109 DIFAT entries and the DIFAT chain list, in order.
    fn read_fat(&self) -> Result<Vec<u32>, WorkbookProblem> {
        let declared = u32_at(self.header, 0x2C);
        if declared == 0 || declared > self.sectors {
            return Err(damaged(format!(
                "the compound file declares {declared} FAT sectors, but holds {} sectors in all; the file is damaged or truncated",
                self.sectors
            )));
        }
        let mut ids: Vec<u32> = (0..109)
            .map(|k| u32_at(self.header, 0x4C + 4 * k))
            .collect();
        let per_sector = self.sector / 4 - 1;
        let mut next = u32_at(self.header, 0x44);
        let mut steps = 0;
        while next <= MAX_REGULAR_SECTOR && ids.len() < declared as usize + 109 {
            steps += 1;
            if steps > self.sectors {
                return Err(damaged(
                    "the compound file's DIFAT chain loops; the file is damaged",
                ));
            }
            let data = self.sector_bytes(next, "the DIFAT")?;
            ids.extend((0..per_sector).map(|k| u32_at(data, 4 * k)));
            next = u32_at(data, 4 * per_sector);
        }
        let ids: Vec<u32> = ids
            .into_iter()
            .filter(|&id| id != FREE_SECTOR)
            .take(declared as usize)
            .collect();
        if ids.len() < declared as usize {
            return Err(damaged(format!(
                "the compound file declares {declared} FAT sectors but lists {}; the file is damaged or truncated",
                ids.len()
            )));
        }
        let mut fat = Vec::with_capacity(ids.len() * self.sector / 4);
        for id in ids {
            let data = self.sector_bytes(id, "the FAT")?;
            fat.extend(data.chunks_exact(4).map(|c| u32_at(c, 0)));
        }
        Ok(fat)
    }

    /// The bytes of sector `id`, which must lie inside the file (the file's last sector may
    /// be cut short: a chain that needs its missing bytes ends early, which is reported).
    fn sector_bytes(&self, id: u32, what: &str) -> Result<&'a [u8], WorkbookProblem> {
        let start = (id as usize)
            .checked_add(1)
            .and_then(|n| n.checked_mul(self.sector))
            .unwrap_or(usize::MAX);
        let end = self.bytes.len().min(start.saturating_add(self.sector));
        self.bytes
            .get(start..end)
            .filter(|data| !data.is_empty())
            .ok_or_else(|| {
                damaged(format!(
                    "{what} refers to sector {id}, past the end of the file ({} sectors); the file is damaged or truncated",
                    self.sectors
                ))
            })
    }

    /// The bytes of the chain that starts at `start` in `table`, up to `size` bytes, in units
    /// of `unit` bytes read by `unit_bytes`. A chain that ends early, loops or leaves the
    /// table is an error.
    fn chain<'s>(
        &'s self,
        table: &[u32],
        start: u32,
        size: usize,
        what: &str,
        unit_bytes: impl Fn(u32) -> Result<&'s [u8], WorkbookProblem>,
    ) -> Result<Vec<u8>, WorkbookProblem> {
        let mut out = Vec::with_capacity(size);
        let mut id = start;
        let mut seen = vec![false; table.len()];
        while out.len() < size {
            if id == END_OF_CHAIN {
                return Err(damaged(format!(
                    "{what} ends after {} of its {size} bytes; the file is damaged or truncated",
                    out.len()
                )));
            }
            let data = unit_bytes(id)?;
            match seen.get_mut(id as usize) {
                Some(true) => {
                    return Err(damaged(format!(
                        "the sector chain of {what} loops; the file is damaged"
                    )));
                }
                Some(seen) => *seen = true,
                None => {
                    return Err(damaged(format!(
                        "{what} refers to sector {id}, beyond the allocation table; the file is damaged"
                    )));
                }
            }
            let take = data.len().min(size - out.len());
            out.extend_from_slice(&data[..take]);
            id = table[id as usize];
        }
        Ok(out)
    }

    /// The bytes of a chain of regular sectors.
    fn regular(&self, start: u32, size: usize, what: &str) -> Result<Vec<u8>, WorkbookProblem> {
        self.chain(&self.fat, start, size, what, |id| {
            self.sector_bytes(id, what)
        })
    }

    /// The whole of a chain of regular sectors, however long (the directory, the mini-FAT).
    fn whole_chain(&self, start: u32, what: &str) -> Result<Vec<u8>, WorkbookProblem> {
        let mut length = 0usize;
        let mut id = start;
        while id <= MAX_REGULAR_SECTOR {
            length += self.sector_bytes(id, what)?.len();
            if length > self.bytes.len() {
                return Err(damaged(format!(
                    "the sector chain of {what} loops; the file is damaged"
                )));
            }
            id = self.fat.get(id as usize).copied().unwrap_or(END_OF_CHAIN);
        }
        self.regular(start, length, what)
    }

    /// The streams directly under the root storage, and the root entry.
    pub fn root_streams(&self) -> Result<(Entry, Vec<Entry>), WorkbookProblem> {
        let dir = self.whole_chain(u32_at(self.header, 0x30), "the directory")?;
        let entries: Vec<&[u8]> = dir.chunks_exact(ENTRY).collect();
        let root = entries
            .first()
            .filter(|e| e[66] == 5)
            .ok_or_else(|| damaged("the compound file has no root entry; the file is damaged"))?;
        // The root's children form a tree through left and right siblings; walk it once.
        let mut seen = vec![false; entries.len()];
        let mut stack = vec![u32_at(root, 76)];
        let mut streams = Vec::new();
        while let Some(id) = stack.pop() {
            if id == NO_STREAM {
                continue;
            }
            let entry = entries.get(id as usize).ok_or_else(|| {
                damaged(format!(
                    "the directory refers to entry {id}, past its end; the file is damaged"
                ))
            })?;
            if std::mem::replace(&mut seen[id as usize], true) {
                return Err(damaged("the directory's tree loops; the file is damaged"));
            }
            stack.extend([u32_at(entry, 68), u32_at(entry, 72)]);
            if entry[66] == 2 {
                streams.push(self.entry(entry));
            }
        }
        Ok((self.entry(root), streams))
    }

    fn entry(&self, raw: &[u8]) -> Entry {
        let len = (u16_at(raw, 64) as usize).min(64) / 2;
        let units: Vec<u16> = (0..len).map(|k| u16_at(raw, 2 * k)).collect();
        let name = String::from_utf16_lossy(&units)
            .trim_end_matches('\0')
            .to_owned();
        let mut size = u64::from_le_bytes(raw[120..128].try_into().unwrap_or_default());
        if self.sector == 512 {
            // Version 3 files may leave garbage in the high half (MS-CFB 2.6.3).
            size &= 0xFFFF_FFFF;
        }
        Entry {
            name,
            start: u32_at(raw, 116),
            size,
        }
    }

    /// The bytes of `stream`, from regular sectors or from the root's mini stream.
    pub fn read(&self, root: &Entry, stream: &Entry) -> Result<Vec<u8>, WorkbookProblem> {
        let what = format!("stream {}", stream.name);
        let size = self.checked_size(stream, &what)?;
        if stream.size >= u64::from(u32_at(self.header, 0x38)) {
            return self.regular(stream.start, size, &what);
        }
        let mini_stream = self.regular(
            root.start,
            self.checked_size(root, "the mini stream")?,
            "the mini stream",
        )?;
        let mini_fat_bytes = self.whole_chain(u32_at(self.header, 0x3C), "the mini FAT")?;
        let mini_fat: Vec<u32> = mini_fat_bytes
            .chunks_exact(4)
            .map(|c| u32_at(c, 0))
            .collect();
        self.chain(&mini_fat, stream.start, size, &what, |id| {
            let start = (id as usize).saturating_mul(MINI_SECTOR);
            mini_stream
                .get(start..mini_stream.len().min(start.saturating_add(MINI_SECTOR)))
                .filter(|unit| !unit.is_empty())
                .ok_or_else(|| {
                    damaged(format!(
                        "{what} refers to mini sector {id}, past the end of the mini stream; the file is damaged"
                    ))
                })
        })
    }

    /// A stream's declared size, which must fit in the file.
    fn checked_size(&self, stream: &Entry, what: &str) -> Result<usize, WorkbookProblem> {
        usize::try_from(stream.size)
            .ok()
            .filter(|&s| s <= self.bytes.len())
            .ok_or_else(|| {
                damaged(format!(
                    "{what} declares {} bytes, more than the whole file ({} bytes); the file is damaged",
                    stream.size,
                    self.bytes.len()
                ))
            })
    }
}

/// The little-endian `u16` at `at` (0 past the end).
pub(super) fn u16_at(b: &[u8], at: usize) -> u16 {
    b.get(at..at + 2)
        .map_or(0, |s| u16::from_le_bytes([s[0], s[1]]))
}

/// The little-endian `u32` at `at` (0 past the end).
pub(super) fn u32_at(b: &[u8], at: usize) -> u32 {
    b.get(at..at + 4)
        .map_or(0, |s| u32::from_le_bytes([s[0], s[1], s[2], s[3]]))
}
