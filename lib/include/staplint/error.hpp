// One error style at the library's boundary: a call that can fail returns a
// Result, the value or why there is none. It has the shape of the grammars'
// own parse output (`parse_into` gives a tree, or a `syntax_error` that says
// where and why), so a failure travels up as a value, never as an exception,
// an out-parameter or a bool.
#pragma once

#include <optional>
#include <string>
#include <type_traits>
#include <utility>
#include <variant>

namespace staplint {

/// Why a call failed: one message in staplint's style (lower-case, names in
/// quotes, no final period), ready to follow "staplint: error: ". Failures
/// about a place in a file carry a richer type as Result's `E` instead
/// (InputProblem, ProjectConfigError).
struct Error {
  std::string message;
};

/// The value of a call that worked, or the error `E` of one that did not.
/// `if (!r) use(r.error()); else use(*r);`
template <class T, class E = Error>
class [[nodiscard]] Result {
  static_assert(!std::is_same_v<T, E>, "a Result's value and error types must differ");

 public:
  Result(T value) : v_(std::in_place_index<0>, std::move(value)) {}  // NOLINT(google-explicit-constructor)
  Result(E error) : v_(std::in_place_index<1>, std::move(error)) {}  // NOLINT(google-explicit-constructor)

  bool ok() const { return v_.index() == 0; }
  explicit operator bool() const { return ok(); }

  T& value() & { return std::get<0>(v_); }
  const T& value() const& { return std::get<0>(v_); }
  T&& value() && { return std::get<0>(std::move(v_)); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }
  T&& operator*() && { return std::move(*this).value(); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }

  const E& error() const& { return std::get<1>(v_); }
  E& error() & { return std::get<1>(v_); }

 private:
  std::variant<T, E> v_;
};

/// A call with nothing to return but its failure.
template <class E>
class [[nodiscard]] Result<void, E> {
 public:
  Result() = default;
  Result(E error) : error_(std::move(error)) {}  // NOLINT(google-explicit-constructor)

  bool ok() const { return !error_; }
  explicit operator bool() const { return ok(); }
  const E& error() const { return *error_; }

 private:
  std::optional<E> error_;
};

}  // namespace staplint
