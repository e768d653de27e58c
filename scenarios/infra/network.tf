resource "aws_vpc" "shop" {
  cidr_block           = "10.0.0.0/16"
  enable_dns_hostnames = true
  tags                 = merge(local.tags, { Name = "shop" })
}

resource "aws_internet_gateway" "shop" {
  vpc_id = aws_vpc.shop.id
  tags   = merge(local.tags, { Name = "shop" })
}

resource "aws_subnet" "shop" {
  count                   = 3
  vpc_id                  = aws_vpc.shop.id
  availability_zone       = local.azs[count.index]
  cidr_block              = "10.0.${count.index * 16}.0/20"
  map_public_ip_on_launch = true
  tags                    = merge(local.tags, { Name = "shop-${local.azs[count.index]}" })
}

resource "aws_route_table" "shop" {
  vpc_id = aws_vpc.shop.id
  route {
    cidr_block = "0.0.0.0/0"
    gateway_id = aws_internet_gateway.shop.id
  }
  tags = merge(local.tags, { Name = "shop" })
}

resource "aws_route_table_association" "shop" {
  count          = 3
  subnet_id      = aws_subnet.shop[count.index].id
  route_table_id = aws_route_table.shop.id
}

resource "aws_security_group" "alb" {
  name   = "shop-alb"
  vpc_id = aws_vpc.shop.id
  ingress {
    from_port   = 80
    to_port     = 80
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"]
  }
  egress {
    from_port   = 0
    to_port     = 0
    protocol    = "-1"
    cidr_blocks = ["0.0.0.0/0"]
  }
  tags = merge(local.tags, { Name = "shop-alb" })
}

resource "aws_security_group" "app" {
  name   = "shop-app"
  vpc_id = aws_vpc.shop.id
  ingress {
    from_port       = 80
    to_port         = 80
    protocol        = "tcp"
    security_groups = [aws_security_group.alb.id]
  }
  egress {
    from_port   = 0
    to_port     = 0
    protocol    = "-1"
    cidr_blocks = ["0.0.0.0/0"]
  }
  tags = merge(local.tags, { Name = "shop-app" })
}
