import ThuisCore
