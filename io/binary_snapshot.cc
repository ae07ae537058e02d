#include "io/binary_snapshot.h"

#include "engine/huge_pages.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cstring>
#include <exception>
#include <thread>
#include <utility>
#include <vector>

namespace careergraph::io {
namespace {

enum WireType : std::uint32_t { kVarint = 0, kFixed64 = 1, kLengthDelimited = 2, kFixed32 = 5 };

// Graph and TransitionTable field numbers (proto/careergraph/v1/graph.proto).
enum GraphField : std::uint32_t { kMetadata = 1, kPositions = 2, kTransitions = 3, kTransitionTable = 4 };
enum TableField : std::uint32_t {
  kFrom = 1, kTo = 2, kKind = 3, kYears = 4, kProbability = 5, kProvenance = 6, kProvenanceStrings = 7,
};

Status Malformed(const std::string& what) {
  return Status::InvalidData("not a binary careergraph.v1.Graph this reader takes: " + what);
}

// A cursor over wire-format bytes. Every read checks the end; a failed read leaves ok_ false.
class Cursor {
 public:
  // The longest length protobuf's parser takes (INT_MAX less its 16 bytes of slop).
  static constexpr std::uint64_t kMaxLength = 0x7fffffffu - 16;

  Cursor(const char* begin, const char* end)
      : p_(reinterpret_cast<const std::uint8_t*>(begin)), end_(reinterpret_cast<const std::uint8_t*>(end)) {}

  bool done() const { return p_ == end_; }
  bool ok() const { return ok_; }
  const char* pos() const { return reinterpret_cast<const char*>(p_); }

  std::uint64_t Varint() {
    std::uint64_t v = 0;
    for (int shift = 0; shift < 64 && p_ < end_; shift += 7) {
      const std::uint8_t b = *p_++;
      v |= static_cast<std::uint64_t>(b & 0x7f) << shift;
      if (!(b & 0x80)) return v;
    }
    ok_ = false;
    return 0;
  }
  // The payload of a length-delimited field. Its length is read as protobuf reads one: at
  // most five bytes and under 2 GiB (a longer encoding protobuf refuses, so must this).
  std::string_view Bytes() {
    const std::uint8_t* const start = p_;
    const std::uint64_t len = Varint();
    if (!ok_ || p_ - start > 5 || len > kMaxLength || len > static_cast<std::uint64_t>(end_ - p_)) {
      ok_ = false;
      return {};
    }
    std::string_view out(reinterpret_cast<const char*>(p_), static_cast<std::size_t>(len));
    p_ += len;
    return out;
  }
  void Skip(std::size_t n) {
    if (n > static_cast<std::size_t>(end_ - p_)) ok_ = false;
    else p_ += n;
  }
  // Skips a field of an unknown number; groups are not supported.
  void SkipField(std::uint32_t wire_type) {
    switch (wire_type) {
      case kVarint: Varint(); break;
      case kFixed64: Skip(8); break;
      case kLengthDelimited: Bytes(); break;
      case kFixed32: Skip(4); break;
      default: ok_ = false;
    }
  }
  // Reads a tag; false at the end or on a bad tag. A tag is at most five bytes, as protobuf
  // reads one (it refuses a longer encoding, even of a small number).
  bool Tag(std::uint32_t* field, std::uint32_t* wire_type) {
    if (done()) return false;
    const std::uint8_t* const start = p_;
    const std::uint64_t tag = Varint();
    if (!ok_ || p_ - start > 5 || tag > 0xffffffffu || (tag >> 3) == 0) {
      ok_ = false;
      return false;
    }
    *field = static_cast<std::uint32_t>(tag >> 3);
    *wire_type = static_cast<std::uint32_t>(tag & 7);
    return true;
  }

 private:
  const std::uint8_t* p_;
  const std::uint8_t* end_;
  bool ok_ = true;
};

// Appends the values of a packed varint column. `convert` maps each value (false: reject).
template <typename T, typename Convert>
bool AppendPackedVarints(std::string_view payload, HugeVector<T>* out, Convert convert) {
  // One value per byte without the continuation bit; the last byte must end a value.
  if (!payload.empty() && (static_cast<std::uint8_t>(payload.back()) & 0x80)) return false;
  std::size_t count = 0;
  for (char c : payload) count += !(static_cast<std::uint8_t>(c) & 0x80);
  const std::size_t base = out->size();
  if (base == 0) out->reserve(count);
  out->resize(base + count);
  T* dst = out->data() + base;
  const auto* p = reinterpret_cast<const std::uint8_t*>(payload.data());
  const auto* end = p + payload.size();
  while (p < end) {
    std::uint64_t v;
    if (!(*p & 0x80)) {  // most values here fit one or two bytes
      v = *p++;
    } else {
      v = 0;
      int shift = 0;
      for (;;) {
        const std::uint8_t b = *p++;
        if (shift < 64) v |= static_cast<std::uint64_t>(b & 0x7f) << shift;
        shift += 7;
        if (!(b & 0x80)) break;
      }
      if (shift > 70) return false;  // longer than the 10 bytes protobuf accepts
    }
    if (!convert(v, dst++)) return false;
  }
  return true;
}

bool AppendPackedDoubles(std::string_view payload, HugeVector<double>* out) {
  if (payload.size() % sizeof(double) != 0) return false;
  const std::size_t base = out->size();
  if (base == 0) out->reserve(payload.size() / sizeof(double));
  out->resize(base + payload.size() / sizeof(double));
  if (!payload.empty()) std::memcpy(out->data() + base, payload.data(), payload.size());
  return true;
}

// uint32 fields keep the low 32 bits of the varint, as protobuf does.
bool ToUint32(std::uint64_t v, std::uint32_t* out) {
  *out = static_cast<std::uint32_t>(v);
  return true;
}

// An enum is an int32 on the wire; only the TransitionKind values are representable here.
bool ToKind(std::uint64_t v, std::uint8_t* out) {
  const auto k = static_cast<std::int32_t>(static_cast<std::uint32_t>(v));
  if (k < 0 || k > v1::TRANSITION_KIND_ORG_CHANGE) return false;
  *out = static_cast<std::uint8_t>(k);
  return true;
}

// Appends one TransitionTable occurrence to `c` (repeated occurrences concatenate, as
// protobuf merges them).
Status DecodeTable(std::string_view bytes, TransitionColumns* c) {
  Cursor in(bytes.data(), bytes.data() + bytes.size());
  std::uint32_t field, wire;
  for (const char* tag_start = in.pos(); in.Tag(&field, &wire); tag_start = in.pos()) {
    bool ok = true;
    auto varints = [&](auto* column, auto convert) {
      using T = typename std::remove_pointer_t<decltype(column)>::value_type;
      if (wire == kLengthDelimited) {
        const std::string_view payload = in.Bytes();
        ok = in.ok() && AppendPackedVarints(payload, column, convert);
      } else if (wire == kVarint) {
        const std::uint64_t v = in.Varint();
        T value{};
        ok = in.ok() && convert(v, &value);
        column->push_back(value);
      } else {
        ok = false;
      }
    };
    auto doubles = [&](HugeVector<double>* column) {
      if (wire == kLengthDelimited) {
        const std::string_view payload = in.Bytes();
        ok = in.ok() && AppendPackedDoubles(payload, column);
      } else if (wire == kFixed64) {
        const char* at = in.pos();
        in.Skip(8);
        double v = 0;
        if (in.ok()) std::memcpy(&v, at, 8);
        ok = in.ok();
        column->push_back(v);
      } else {
        ok = false;
      }
    };
    switch (field) {
      case kFrom: varints(&c->from, ToUint32); break;
      case kTo: varints(&c->to, ToUint32); break;
      case kKind: varints(&c->kind, ToKind); break;
      case kYears: doubles(&c->years); break;
      case kProbability: doubles(&c->probability); break;
      case kProvenance: varints(&c->provenance, ToUint32); break;
      case kProvenanceStrings: {
        if (wire != kLengthDelimited) {
          ok = false;
          break;
        }
        // Rare and short: protobuf itself parses this one field (UTF-8 checks included).
        in.Bytes();
        v1::TransitionTable one;
        ok = in.ok() && one.ParseFromArray(tag_start, static_cast<int>(in.pos() - tag_start)) &&
             one.provenance_strings_size() == 1;
        if (ok) c->provenance_strings.push_back(std::move(*one.mutable_provenance_strings(0)));
        break;
      }
      default: in.SkipField(wire); ok = in.ok();
    }
    if (!ok || !in.ok()) return Malformed("transition_table field " + std::to_string(field));
  }
  if (!in.ok()) return Malformed("transition_table");
  return Status::Ok();
}

// Runs body(worker) on `workers` threads (this one included); rethrows the first exception.
template <typename Body>
void OnThreads(int workers, Body body) {
  std::vector<std::thread> threads;
  std::vector<std::exception_ptr> errors(static_cast<std::size_t>(workers));
  for (int w = 1; w < workers; ++w)
    threads.emplace_back([&, w] {
      try {
        body(w);
      } catch (...) {
        errors[static_cast<std::size_t>(w)] = std::current_exception();
      }
    });
  try {
    body(0);
  } catch (...) {
    errors[0] = std::current_exception();
  }
  for (auto& t : threads) t.join();
  for (auto& e : errors)
    if (e) std::rethrow_exception(e);
}

}  // namespace

StatusOr<SnapshotParts> DecodeBinarySnapshot(std::string_view bytes, int threads) {
  SnapshotParts parts;
  std::vector<std::string_view> positions, rows, tables;
  bool have_metadata = false;
  Cursor in(bytes.data(), bytes.data() + bytes.size());
  std::uint32_t field, wire;
  while (in.Tag(&field, &wire)) {
    const bool known = field == kMetadata || field == kPositions || field == kTransitions || field == kTransitionTable;
    if (!known) {
      in.SkipField(wire);
      continue;
    }
    if (wire != kLengthDelimited) return Malformed("field " + std::to_string(field) + " has the wrong wire type");
    const std::string_view payload = in.Bytes();
    if (!in.ok()) break;
    switch (field) {
      case kMetadata:
        if (have_metadata) return Malformed("metadata given twice");
        if (!parts.metadata.ParseFromArray(payload.data(), static_cast<int>(payload.size())))
          return Malformed("bad metadata");
        have_metadata = true;
        break;
      case kPositions: positions.push_back(payload); break;
      case kTransitions: rows.push_back(payload); break;
      case kTransitionTable: tables.push_back(payload); break;
    }
  }
  if (!in.ok()) return Malformed("truncated or corrupt");

  for (const auto& r : rows)
    if (!parts.transitions.Add()->ParseFromArray(r.data(), static_cast<int>(r.size())))
      return Malformed("bad transition " + std::to_string(parts.transitions.size()));

  // Positions in chunks on the worker threads; the first also decodes the table.
  parts.positions.resize(positions.size());
  constexpr std::size_t kChunk = 4096;
  std::atomic<std::size_t> next_chunk{0};
  std::atomic<bool> positions_ok{true};
  Status table_status;
  const int workers = std::max(1, std::min(threads, positions.size() > 2 * kChunk ? 2 : 1));
  OnThreads(workers, [&](int worker) {
    if (worker == 0)
      for (const auto& t : tables) {
        table_status = DecodeTable(t, &parts.columns);
        if (!table_status.ok()) break;
      }
    for (;;) {
      const std::size_t begin = next_chunk.fetch_add(1) * kChunk;
      if (begin >= positions.size() || !positions_ok.load(std::memory_order_relaxed)) break;
      const std::size_t end = std::min(positions.size(), begin + kChunk);
      for (std::size_t i = begin; i < end; ++i)
        if (!parts.positions[i].ParseFromArray(positions[i].data(), static_cast<int>(positions[i].size()))) {
          positions_ok = false;
          break;
        }
    }
  });
  if (!positions_ok) return Malformed("bad position");
  if (!table_status.ok()) return table_status;
  return parts;
}

StatusOr<MappedFile> MappedFile::Open(const std::string& path) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return Status::Io("cannot open " + path + ": " + std::strerror(errno)).WithField("path");
  struct stat st {};
  if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
    ::close(fd);
    return Status::Io("cannot read " + path + ": not a regular file").WithField("path");
  }
  MappedFile f;
  f.size_ = static_cast<std::size_t>(st.st_size);
  if (f.size_ > 0) {
    void* p = ::mmap(nullptr, f.size_, PROT_READ, MAP_PRIVATE | MAP_POPULATE, fd, 0);
    if (p == MAP_FAILED) {
      const int err = errno;
      ::close(fd);
      return Status::Io("cannot map " + path + ": " + std::strerror(err)).WithField("path");
    }
    f.data_ = static_cast<const char*>(p);
  }
  ::close(fd);
  return f;
}

MappedFile::MappedFile(MappedFile&& o) noexcept : data_(std::exchange(o.data_, nullptr)), size_(std::exchange(o.size_, 0)) {}

MappedFile& MappedFile::operator=(MappedFile&& o) noexcept {
  if (this != &o) {
    if (data_) ::munmap(const_cast<char*>(data_), size_);
    data_ = std::exchange(o.data_, nullptr);
    size_ = std::exchange(o.size_, 0);
  }
  return *this;
}

MappedFile::~MappedFile() {
  if (data_) ::munmap(const_cast<char*>(data_), size_);
}

}  // namespace careergraph::io
