#pragma once
// The public C++ API of ferry: include this one header.
#include "ferry/array.hpp"
#include "ferry/errors.hpp"
#include "ferry/explanation.hpp"
#include "ferry/frame.hpp"
#include "ferry/metadata.hpp"
#include "ferry/pipeline.hpp"
#include "ferry/schema.hpp"
#include "ferry/step.hpp"
#include "ferry/value.hpp"
#include "ferry/version.hpp"
