// The one exception type the engine throws for bad input: its message names the file and the fault.
#pragma once

#include <stdexcept>
#include <string>

namespace jazz {

class Error : public std::runtime_error {
public:
    explicit Error(const std::string& message) : std::runtime_error(message) {}
};

} // namespace jazz
