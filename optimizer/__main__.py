from optimizer.command import run

run()
