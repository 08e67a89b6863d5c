// jazz-studio: with no subcommand it opens the studio; with one it runs headless.
#include "MainWindow.h"

#include <QApplication>

int main(int argc, char** argv) {
    QApplication app(argc, argv);
    jazz::ui::MainWindow window;
    window.show();
    return app.exec();
}
