// Choices: one registry for every enum of the wire contract, read from the proto descriptors.
//
// Design choices:
//  - The .proto is the only list of values. Every front end spells a value the same way: its
//    name without the enum's prefix, lower case, '_' as '-' ("fewest-moves", "track-switch",
//    "earnings"). Parsing accepts that spelling, the full name ("OBJECTIVE_FEWEST_MOVES"), the
//    name without its prefix ("FEWEST_MOVES"), in any case and with '-' or '_'; an unknown
//    value lists the valid ones and suggests the closest.
//  - The *_UNSPECIFIED value (0) is never offered as a choice; it means "the default", which
//    the request normalization fills in.
//  - A value may carry aliases (ParseTransitionKind's historical "switch", "external"), added
//    once here, not per front end.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include <google/protobuf/descriptor.h>
#include <google/protobuf/generated_enum_reflection.h>

#include "engine/status.h"

namespace careergraph {

class Choices {
 public:
  // The registry of one enum type (built once, thread-safe).
  static const Choices& Of(const google::protobuf::EnumDescriptor* type);

  // "fewest-moves" for OBJECTIVE_FEWEST_MOVES; "unspecified" for the zero value.
  std::string_view Name(int number) const;
  // The choices' short names in declaration order, the zero value left out.
  const std::vector<std::string>& Names() const { return names_; }
  // "fastest | fewest-moves | safest | best-fit", for --help and error messages.
  std::string Help() const;
  // The enum number of `text`, or INVALID_ARGUMENT naming `field` with the valid values and a
  // suggestion.
  StatusOr<int> Parse(std::string_view text, std::string_view field) const;
  // As Parse, without an error: -1 when unknown.
  int Find(std::string_view text) const;

 private:
  explicit Choices(const google::protobuf::EnumDescriptor* type);
  static std::string Key(std::string_view text);  // upper case, '-' -> '_'

  std::string prefix_;                 // "OBJECTIVE_"
  std::vector<std::string> names_;     // short names, zero value excluded
  std::vector<int> numbers_;           // parallel to names_
  std::vector<std::pair<std::string, int>> keys_;  // every accepted spelling (Key form) -> number
};

// Typed helpers: ChoicesOf<v1::Objective>(), ChoiceName(v1::OBJECTIVE_SAFEST) == "safest",
// ParseChoice<v1::Objective>("safest", "objective").
template <typename E>
const Choices& ChoicesOf() {
  static const Choices& c = Choices::Of(google::protobuf::GetEnumDescriptor<E>());
  return c;
}
template <typename E>
std::string_view ChoiceName(E value) {
  return ChoicesOf<E>().Name(static_cast<int>(value));
}

// ParseChoice<v1::Objective>("safest", "objective").
template <typename E>
StatusOr<E> ParseChoice(std::string_view text, std::string_view field) {
  auto n = ChoicesOf<E>().Parse(text, field);
  if (!n.ok()) return n.status();
  return static_cast<E>(*n);
}
}  // namespace careergraph
