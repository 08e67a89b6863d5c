// `jazz-studio train | generate | render | info | evaluate | bench`: the headless model
// workflow (evaluate and bench live in their own sources).
#pragma once

#include <QStringList>

namespace jazz::app {

int runTrainCommand(const QStringList& arguments);
int runGenerateCommand(const QStringList& arguments);
int runRenderCommand(const QStringList& arguments);
int runInfoCommand(const QStringList& arguments);
int runBenchCommand(const QStringList& arguments);
int runEvaluateCommand(const QStringList& arguments);

} // namespace jazz::app
