// jazz-studio: with no subcommand it opens the studio; with one it runs headless.
#include "CorpusCommand.h"
#include "ModelCommands.h"
#include "MainWindow.h"

#include <QApplication>
#include <QCoreApplication>
#include <QTextStream>

#include <cstring>

namespace {

bool isSubcommand(const char* arg) { return arg && arg[0] != '-'; }

int runHeadless(int argc, char** argv) {
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    const QString command = args.value(1);
    // QCommandLineParser wants the program name first: drop it, keep the subcommand.
    const QStringList rest = args.mid(1);
    if (command == "corpus")
        return jazz::app::runCorpusCommand(rest);
    if (command == "train")
        return jazz::app::runTrainCommand(rest);
    if (command == "generate")
        return jazz::app::runGenerateCommand(rest);
    if (command == "render")
        return jazz::app::runRenderCommand(rest);
    if (command == "info")
        return jazz::app::runInfoCommand(rest);
    if (command == "bench")
        return jazz::app::runBenchCommand(rest);
    QTextStream(stderr) << "jazz-studio: unknown command '" << command
                        << "'\nusage: jazz-studio [corpus|train|generate|render|info|bench] ...\n"
                           "       jazz-studio (no command: open the studio)\n";
    return 2;
}

} // namespace

int main(int argc, char** argv) {
    if (argc > 1 && isSubcommand(argv[1]))
        return runHeadless(argc, argv);
    QApplication app(argc, argv);
    QApplication::setApplicationName("Jazz Studio");
    QApplication::setOrganizationName("JazzStudio");
    jazz::ui::MainWindow window;
    window.show();
    return app.exec();
}
