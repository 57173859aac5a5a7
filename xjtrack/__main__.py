from xjtrack.cli import main

main()
